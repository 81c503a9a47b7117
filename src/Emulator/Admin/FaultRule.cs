using System.Text.Json.Nodes;
using PodIdentity.Emulator.State;

namespace PodIdentity.Emulator.Admin;

/// <summary>One admin fault rule. <see cref="Remaining"/> null means "until deleted".</summary>
internal sealed class FaultRule
{
    public required string Id { get; init; }
    public required string Action { get; init; }
    public string? Service { get; init; }
    public string? Operation { get; init; }
    public int? Remaining { get; set; }
    public int Status { get; init; }
    public int LatencyMs { get; init; }
    public double Seconds { get; init; }
    public string? RoleName { get; init; }
    public string? AddonName { get; init; }
    public string? Outcome { get; init; }
    public IReadOnlyList<AddonIssue> HealthIssues { get; init; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public required JsonObject Definition { get; init; }

    public bool MatchesOperation(string service, string operation) =>
        (Service is null || string.Equals(Service, service, StringComparison.OrdinalIgnoreCase)) &&
        (Operation is null || string.Equals(Operation, operation, StringComparison.Ordinal));

    /// <summary>Uses up one application; false when the rule is already spent.</summary>
    public bool TryConsume()
    {
        if (Remaining is null)
        {
            return true;
        }
        if (Remaining <= 0)
        {
            return false;
        }
        Remaining--;
        return true;
    }

    public JsonObject ToJson()
    {
        var json = (JsonObject)Definition.DeepClone();
        json["id"] = Id;
        json["remaining"] = Remaining;
        return json;
    }
}
