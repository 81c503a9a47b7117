namespace PodIdentity.Protocol.Compatibility.Clients;

/// <summary>What a client puts in the ClientCapabilities field of ConfigureProvider, ValidateResourceConfig,
/// ReadResource, PlanResourceChange, ImportResourceState and ReadDataSource.</summary>
public enum CapabilitiesMode
{
    /// <summary>The field is never set (OpenTofu 1.8 to 1.10).</summary>
    None,

    /// <summary>One fixed value: write_only_attributes_allowed = true, deferral_allowed = false (OpenTofu 1.11, 1.12).</summary>
    WriteOnlyOnly,

    /// <summary>write_only_attributes_allowed = true; deferral_allowed false in the validate and plan walks of a release
    /// build and true in the apply walk (Terraform: context_apply.go walks with DeferralAllowed: true).</summary>
    TerraformPerWalk,
}
