using PodIdentity.Emulator.Hosting;
using PodIdentity.Emulator.State;

namespace PodIdentity.Emulator.Eks;

/// <summary>
/// Add-on status transitions. A transition records when it ends and what it ends in; the status is settled
/// lazily whenever the add-on is looked at, so nothing runs in the background and a restart changes nothing.
/// </summary>
internal static class AddonLifecycle
{
    public static void Start(EmulatorContext context, Addon addon, string phase, string? updateId, DateTimeOffset now)
    {
        var duration = context.Faults.TakeAddonSlow(addon.Name) ?? context.AddonTransition;
        var outcome = context.Faults.TakeAddonOutcome(addon.Name, phase);
        addon.Status = phase switch { "create" => "CREATING", "update" => "UPDATING", _ => "DELETING" };
        addon.TransitionEndsAt = now + duration;
        addon.TransitionTarget = outcome?.Status ?? (phase == "delete" ? Deleted : "ACTIVE");
        addon.TransitionIssues = outcome is { } o ? [.. o.Issues] : [];
        addon.TransitionUpdateId = updateId;
        addon.ModifiedAt = now;
    }

    public static void Settle(Cluster cluster, Addon addon, DateTimeOffset now)
    {
        if (addon.TransitionEndsAt is not { } endsAt || now < endsAt)
        {
            return;
        }
        if (addon.TransitionTarget == Deleted)
        {
            cluster.Addons.Remove(addon.Name);
            foreach (var owned in cluster.Associations.Values.Where(a => a.OwnerArn == addon.Arn).ToList())
            {
                cluster.Associations.Remove(owned.Id);
            }
            return;
        }
        addon.Status = addon.TransitionTarget ?? "ACTIVE";
        addon.HealthIssues = addon.TransitionIssues;
        var failed = addon.Status is "UPDATE_FAILED" or "DEGRADED" or "CREATE_FAILED";
        if (addon.TransitionUpdateId is { } updateId && addon.Updates.TryGetValue(updateId, out var update))
        {
            update.Status = failed ? "Failed" : "Successful";
            update.Errors = failed ? addon.TransitionIssues : [];
        }
        // A failed update leaves the add-on on its previous configuration, so the next plan still sees a difference.
        if (!failed && addon.PendingConfigurationValues is { } values)
        {
            addon.ConfigurationValues = values;
        }
        addon.PendingConfigurationValues = null;
        addon.TransitionEndsAt = null;
        addon.TransitionTarget = null;
        addon.TransitionIssues = [];
        addon.TransitionUpdateId = null;
    }

    private const string Deleted = "DELETED";
}
