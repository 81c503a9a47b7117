using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;
using PodIdentity.Provider.Checks;

namespace PodIdentity.Provider.Tests.Checks;

public class AssociationFactsTests
{
    private static readonly ObjectType Type = (ObjectType)CtyType.Object(new Dictionary<string, CtyType>
    {
        ["region"] = CtyType.String, ["cluster_name"] = CtyType.String, ["namespace"] = CtyType.String,
        ["service_account"] = CtyType.String, ["role_arn"] = CtyType.String, ["target_role_arn"] = CtyType.String,
        ["disable_session_tags"] = CtyType.Bool, ["external_id"] = CtyType.String, ["association_id"] = CtyType.String,
    });

    [Fact]
    public void Known_null_and_unknown_values_stay_apart()
    {
        var value = ValueAccess.EmptyObject(Type)
            .WithAttribute("region", CtyValue.String("us-west-2"))
            .WithAttribute("role_arn", CtyValue.Unknown(CtyType.String))
            .WithAttribute("disable_session_tags", CtyValue.Unknown(CtyType.Bool))
            .WithAttribute("association_id", CtyValue.String("a-1"));
        var facts = AssociationFacts.From(value, ReplacementMarker.Write("a-0"));

        Assert.Equal(Planned<string>.Of("us-west-2"), facts.Region);
        Assert.Equal(Planned<string>.Unknown, facts.RoleArn);
        Assert.Equal(Planned<string>.Of(null), facts.TargetRoleArn);
        Assert.Equal(Planned<bool>.Unknown, facts.DisableSessionTags);
        Assert.Equal("a-1", facts.AssociationId);
        Assert.Equal("a-0", facts.Replaces);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"other\":1}")]
    public void Private_data_without_the_id_replaces_nothing(string? data) =>
        Assert.Null(ReplacementMarker.Read(data is null ? null : System.Text.Encoding.UTF8.GetBytes(data)));
}
