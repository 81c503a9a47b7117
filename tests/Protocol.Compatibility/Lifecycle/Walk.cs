namespace PodIdentity.Protocol.Compatibility.Lifecycle;

/// <summary>The graph walk a provider process serves; each walk gets its own process, as in Terraform and OpenTofu.</summary>
public enum Walk
{
    Validate,
    Plan,
    Apply,
}
