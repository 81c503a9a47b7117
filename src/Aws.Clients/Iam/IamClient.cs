namespace PodIdentity.Aws.Clients;

public sealed record IamRole
{
    public string? Path { get; init; }
    public string? RoleName { get; init; }
    public string? RoleId { get; init; }
    public string? Arn { get; init; }
    public DateTimeOffset? CreateDate { get; init; }
    /// <summary>The trust policy JSON, URL-decoded (IAM returns it percent-encoded).</summary>
    public string? AssumeRolePolicyDocument { get; init; }
    public string? Description { get; init; }
    public int? MaxSessionDuration { get; init; }
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
}

/// <summary>AWS IAM over the query protocol (global endpoint).</summary>
public sealed class IamClient
{
    private const string ServiceName = "IAM";
    private const string Version = "2010-05-08";

    private readonly AwsTransport _transport;
    private readonly ServiceEndpoint _endpoint;
    private readonly CredentialSource _credentials;

    internal IamClient(AwsTransport transport, ServiceEndpoint endpoint, CredentialSource credentials)
    {
        _transport = transport;
        _endpoint = endpoint;
        _credentials = credentials;
    }

    public ServiceEndpoint Endpoint => _endpoint;

    public async Task<IamRole> GetRoleAsync(string roleName, CancellationToken cancellationToken)
    {
        var result = await QueryProtocol.CallAsync(_transport, _endpoint, _credentials, ServiceName, "GetRole", Version,
            new QueryBuilder().Add("RoleName", roleName), cancellationToken).ConfigureAwait(false);
        var role = result.Child("Role");
        var tags = role.Members("Tags")
            .Where(m => m.Text("Key") is not null)
            .GroupBy(m => m.Text("Key")!)
            .ToDictionary(g => g.Key, g => g.Last().Text("Value") ?? "");
        var policy = role.Text("AssumeRolePolicyDocument");
        return new IamRole
        {
            Path = role.Text("Path"),
            RoleName = role.Text("RoleName"),
            RoleId = role.Text("RoleId"),
            Arn = role.Text("Arn"),
            CreateDate = role.Time("CreateDate"),
            AssumeRolePolicyDocument = policy is null ? null : Uri.UnescapeDataString(policy),
            Description = role.Text("Description"),
            MaxSessionDuration = role.Int("MaxSessionDuration"),
            Tags = role.Child("Tags") is null ? null : tags,
        };
    }
}
