using PodIdentity.Plugin.Values;

namespace PodIdentity.Plugin.Framework;

public sealed class CreateRequest
{
    public required CtyValue Config { get; init; }

    public required CtyValue Plan { get; init; }
}

public sealed class CreateResponse
{
    /// <summary>Starts as the plan; must be wholly known when Create returns without errors.</summary>
    public required CtyValue State { get; set; }

    public byte[]? Private { get; set; }

    public Diagnostics Diagnostics { get; } = new();

    /// <summary>The new object's identity (resources with <see cref="IResourceWithIdentity"/>); required.</summary>
    public CtyValue? Identity { get; set; }
}

public sealed class ReadRequest
{
    public required CtyValue State { get; init; }

    public byte[]? Private { get; init; }

    /// <summary>The identity Terraform stored; null when it has none (state written before identity existed, older clients).</summary>
    public CtyValue? Identity { get; init; }
}

public sealed class ReadResponse
{
    /// <summary>Starts as the current state. Set a null value to tell Terraform the object no longer exists.</summary>
    public required CtyValue State { get; set; }

    public byte[]? Private { get; set; }

    public Diagnostics Diagnostics { get; } = new();

    /// <summary>Starts as the stored identity; must be set (and unchanged) unless the object is gone.</summary>
    public CtyValue? Identity { get; set; }
}

public sealed class UpdateRequest
{
    public required CtyValue Config { get; init; }

    public required CtyValue Plan { get; init; }

    public required CtyValue PriorState { get; init; }

    public byte[]? Private { get; init; }

    /// <summary>The identity Terraform planned (the prior one); null when the client sent none.</summary>
    public CtyValue? Identity { get; init; }
}

public sealed class UpdateResponse
{
    /// <summary>Starts as the plan; must be wholly known when Update returns without errors.</summary>
    public required CtyValue State { get; set; }

    public byte[]? Private { get; set; }

    public Diagnostics Diagnostics { get; } = new();

    /// <summary>Starts as the planned identity, which may be null: set it from the new state every time.</summary>
    public CtyValue? Identity { get; set; }
}

public sealed class DeleteRequest
{
    public required CtyValue PriorState { get; init; }

    public byte[]? Private { get; init; }
}

public sealed class DeleteResponse
{
    public Diagnostics Diagnostics { get; } = new();
}

public sealed class ImportStateRequest
{
    /// <summary>The string the user gave to <c>terraform import</c> or an import block; empty when importing by identity.</summary>
    public required string Id { get; init; }

    /// <summary>Import by identity (an import block with <c>identity = {...}</c>): set, with <see cref="Id"/> empty.
    /// Attributes marked RequiredForImport are known and non-null; the others may be null.</summary>
    public CtyValue? Identity { get; init; }
}

public sealed class ImportStateResponse
{
    /// <summary>Starts as an object with every attribute null; set at least what Read needs.</summary>
    public required CtyValue State { get; set; }

    public byte[]? Private { get; set; }

    public Diagnostics Diagnostics { get; } = new();

    /// <summary>Starts as the requested identity; the imported object's full identity (defaults filled in).</summary>
    public CtyValue? Identity { get; set; }
}

public sealed class ModifyPlanRequest
{
    /// <summary>Null when the resource is being destroyed.</summary>
    public required CtyValue Config { get; init; }

    /// <summary>The plan so far; null when the resource is being destroyed.</summary>
    public required CtyValue Plan { get; init; }

    /// <summary>Null when the resource is being created.</summary>
    public required CtyValue PriorState { get; init; }

    /// <summary>The private bytes last stored with the prior state (null when there are none); read-only here.</summary>
    public byte[]? PriorPrivate { get; init; }

    public bool IsCreate => PriorState.IsNull;

    public bool IsDestroy => Plan.IsNull;
}

public sealed class ModifyPlanResponse
{
    public required CtyValue Plan { get; set; }

    /// <summary>Paths whose change forces replacement (kept only where the value really changes).</summary>
    public List<AttributePath> RequiresReplace { get; } = [];

    public Diagnostics Diagnostics { get; } = new();
}

public sealed class ValidateConfigRequest
{
    /// <summary>May contain unknown values (interpolations not yet resolved).</summary>
    public required CtyValue Config { get; init; }
}

public sealed class UpgradeStateRequest
{
    /// <summary>The schema version the state was written with (lower than the current one).</summary>
    public required long Version { get; init; }

    /// <summary>The stored state as JSON; decode with <see cref="StateJson.Decode"/> and the old schema's type.</summary>
    public required ReadOnlyMemory<byte> RawStateJson { get; init; }
}

public sealed class UpgradeStateResponse
{
    /// <summary>The state in the current schema's type; leave unset (with an error) when the version is unknown.</summary>
    public CtyValue? State { get; set; }

    public Diagnostics Diagnostics { get; } = new();
}
