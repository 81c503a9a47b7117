using System.Net;
using System.Text.Json.Nodes;
using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;
using PodIdentity.Provider.Checks;
using PodIdentity.Provider.Tests.Resources;
using static PodIdentity.Provider.Tests.Resources.AssociationRig;

namespace PodIdentity.Provider.Tests.Checks;

/// <summary>The association resource runs the checks: in its plan, after create, and keeps its id in private data.</summary>
public sealed class AssociationResourceCheckTests
{
    private const string Create = "CreatePodIdentityAssociation";
    private const string List = "ListPodIdentityAssociations";
    private const string DescribeCluster = "GET /clusters/lab";
    private const string GetRole = "POST /";

    private static AssociationRig Rig(CheckSettings? settings = null, string? existingId = null)
    {
        var rig = new AssociationRig(checks: settings ?? new CheckSettings());
        rig.Eks.Ok(DescribeCluster, new JsonObject { ["cluster"] = new JsonObject { ["name"] = "lab", ["version"] = "1.33", ["platformVersion"] = "eks.1" } });
        rig.Eks.Ok(List, new JsonObject
        {
            ["associations"] = existingId is null ? new JsonArray() : new JsonArray(new JsonObject { ["associationId"] = existingId }),
        });
        // payments-api trusts only EC2; cross-account-target trusts payments-api with one external id.
        rig.Eks.On(GetRole, request =>
        {
            var target = request.Body.Contains("RoleName=cross-account-target", StringComparison.Ordinal);
            var trust = target
                ? """{"Statement":[{"Effect":"Allow","Principal":{"AWS":"ROLE"},"Action":["sts:AssumeRole","sts:TagSession"],"Condition":{"StringEquals":{"sts:ExternalId":"ext-expected"}}}]}""".Replace("ROLE", Role, StringComparison.Ordinal)
                : """{"Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent($"""
                    <GetRoleResponse><GetRoleResult><Role><Arn>{(target ? Target : Role)}</Arn>
                    <AssumeRolePolicyDocument>{Uri.EscapeDataString(trust)}</AssumeRolePolicyDocument>
                    </Role></GetRoleResult></GetRoleResponse>
                    """, System.Text.Encoding.UTF8, "text/xml"),
            };
        });
        return rig;
    }

    [Fact]
    public async Task The_plan_of_a_new_association_runs_the_checks()
    {
        using var rig = Rig();
        var config = rig.Config(("target_role_arn", "arn:aws-cn:iam::123456789012:role/elsewhere"));
        var response = await rig.PlanAsync(config);

        Assert.Equal(
            [(DiagnosticSeverity.Error, "IAM role is in another AWS partition", "target_role_arn"),
             (DiagnosticSeverity.Warning, "IAM role does not trust EKS Pod Identity", "role_arn")],
            response.Diagnostics.Select(d => (d.Severity, d.Summary, d.Path!.ToString())));
        Assert.Equal(1, rig.Eks.Count(GetRole));
        Assert.Equal(1, rig.Eks.Count(DescribeCluster));
        Assert.Equal(1, rig.Eks.Count(List));
    }

    [Fact]
    public async Task An_unchanged_association_costs_no_call()
    {
        using var rig = Rig();
        var state = rig.State();
        var response = await rig.PlanAsync(rig.Config(), state);
        Assert.Empty(response.Diagnostics);
        Assert.Empty(rig.Eks.Requests);
    }

    [Fact]
    public async Task Create_and_read_keep_the_association_id_in_private_data_which_a_replacement_plan_uses()
    {
        using var rig = Rig(new CheckSettings(SkipTrustCheck: true));
        rig.Eks.Ok(Create, FakeEks.Association());
        var config = rig.Config();
        var plan = (await rig.PlanAsync(config)).Plan;
        var created = new CreateResponse { State = plan };
        await rig.Resource.CreateAsync(new CreateRequest { Config = config, Plan = plan }, created, CancellationToken.None);
        Assert.Empty(created.Diagnostics);
        Assert.Equal(Id, ReplacementMarker.Read(created.Private));

        rig.Eks.Ok("DescribePodIdentityAssociation", FakeEks.Association());
        var read = new ReadResponse { State = created.State };
        await rig.Resource.ReadAsync(new ReadRequest { State = created.State }, read, CancellationToken.None);
        Assert.Equal(Id, ReplacementMarker.Read(read.Private));

        // The next plan (a new process): the service account has this association. A new resource for it conflicts;
        // this one's replacement, whose create-plan receives the private data, does not.
        using var next = Rig(new CheckSettings(SkipTrustCheck: true), existingId: Id);
        Assert.Empty((await next.PlanAsync(config, null, read.Private)).Diagnostics);
        Assert.Equal(1, next.Eks.Count(List));
        using var other = Rig(new CheckSettings(SkipTrustCheck: true), existingId: Id);
        var conflict = await other.PlanAsync(config);
        Assert.Equal("EKS Pod Identity Association already exists", Assert.Single(conflict.Diagnostics).Summary);
    }

    [Fact]
    public async Task The_target_roles_external_id_is_checked_after_create()
    {
        using var rig = Rig();
        rig.Eks.Ok(Create, FakeEks.Association(target: Target, externalId: "ext-issued"));
        var config = rig.Config(("target_role_arn", Target));
        var plan = (await rig.PlanAsync(config)).Plan;
        var created = new CreateResponse { State = plan };
        await rig.Resource.CreateAsync(new CreateRequest { Config = config, Plan = plan }, created, CancellationToken.None);

        var d = Assert.Single(created.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Warning, "Target role requires a different sts:ExternalId", "target_role_arn"), (d.Severity, d.Summary, d.Path?.ToString()));
        Assert.Contains("but EKS passes this association's external_id \"ext-issued\"", d.Detail);
        Assert.Equal(2, rig.Eks.Count(GetRole));
    }
}
