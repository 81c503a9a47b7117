using System.Text.Json.Nodes;
using PodIdentity.Emulator.Protocol;
using PodIdentity.Emulator.State;

namespace PodIdentity.Emulator.Admin;

/// <summary>The active fault rules and the questions operations ask them.</summary>
internal sealed class FaultRegistry(TimeProvider clock)
{
    private readonly Lock _sync = new();
    private readonly List<FaultRule> _rules = [];
    private int _nextId;

    public string Add(JsonObject definition)
    {
        lock (_sync)
        {
            var rule = FaultParser.Parse("f-" + (_nextId + 1), definition, clock.GetUtcNow());
            _nextId++;
            _rules.Add(rule);
            return rule.Id;
        }
    }

    public JsonArray List()
    {
        lock (_sync)
        {
            return new JsonArray(_rules.Select(r => (JsonNode)r.ToJson()).ToArray());
        }
    }

    public bool Remove(string id)
    {
        lock (_sync)
        {
            return _rules.RemoveAll(r => r.Id == id) > 0;
        }
    }

    public void Clear()
    {
        lock (_sync)
        {
            _rules.Clear();
        }
    }

    /// <summary>Latency to add and the error (if any) to answer with, for one call of an operation.</summary>
    public (int LatencyMs, AwsError? Error) ForCall(string service, string operation)
    {
        var restJson = service == "eks";
        lock (_sync)
        {
            var latency = 0;
            foreach (var rule in _rules.Where(r => r.Action == "latency" && r.MatchesOperation(service, operation)))
            {
                if (rule.TryConsume())
                {
                    latency += rule.LatencyMs;
                }
            }
            foreach (var rule in _rules.Where(r => r.Action is "throttle" or "error" && r.MatchesOperation(service, operation)))
            {
                if (!rule.TryConsume())
                {
                    continue;
                }
                return (latency, rule.Action == "throttle" ? Throttle(restJson) : ServerError(rule.Status, restJson));
            }
            return (latency, null);
        }
    }

    /// <summary>IAM eventual consistency: whether EKS must not see this role yet.</summary>
    public bool IsRoleHidden(Role role)
    {
        var now = clock.GetUtcNow();
        lock (_sync)
        {
            foreach (var rule in _rules.Where(r => r.Action == "iam-propagation-delay"))
            {
                var delay = TimeSpan.FromSeconds(rule.Seconds);
                var hidden = rule.RoleName is null
                    ? role.CreateDate >= rule.CreatedAt && now < role.CreateDate + delay
                    : string.Equals(rule.RoleName, role.Name, StringComparison.Ordinal) && now < rule.CreatedAt + delay;
                if (hidden)
                {
                    return true;
                }
            }
            return false;
        }
    }

    /// <summary>The forced result of an add-on transition, if a rule asks for one in this phase.</summary>
    public (string Status, IReadOnlyList<AddonIssue> Issues)? TakeAddonOutcome(string addonName, string phase)
    {
        lock (_sync)
        {
            foreach (var rule in _rules.Where(r => r.Action == "addon-outcome" && r.AddonName == addonName))
            {
                var applies = (phase, rule.Outcome) switch
                {
                    ("create", "CREATE_FAILED" or "DEGRADED") => true,
                    ("update", "UPDATE_FAILED" or "DEGRADED") => true,
                    ("delete", "DELETE_FAILED") => true,
                    _ => false,
                };
                if (applies && rule.TryConsume())
                {
                    return (rule.Outcome!, rule.HealthIssues);
                }
            }
            return null;
        }
    }

    public TimeSpan? TakeAddonSlow(string addonName)
    {
        lock (_sync)
        {
            foreach (var rule in _rules.Where(r => r.Action == "addon-slow" && r.AddonName == addonName))
            {
                if (rule.TryConsume())
                {
                    return TimeSpan.FromSeconds(rule.Seconds);
                }
            }
            return null;
        }
    }

    private static AwsError Throttle(bool restJson) =>
        restJson ? new AwsError("ThrottlingException", 429, "Rate exceeded") : new AwsError("Throttling", 400, "Rate exceeded");

    private static AwsError ServerError(int status, bool restJson) => (status, restJson) switch
    {
        (503, true) => new AwsError("ServiceUnavailableException", 503, "Service is unavailable. Please try again later."),
        (503, false) => new AwsError("ServiceUnavailable", 503, "Service is unavailable. Please try again later."),
        (_, true) => new AwsError("ServerException", 500, "An internal error occurred. Please try again later."),
        _ => new AwsError("InternalFailure", 500, "An internal error occurred. Please try again later."),
    };
}
