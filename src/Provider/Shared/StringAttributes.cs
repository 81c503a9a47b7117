using System.Globalization;
using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;

namespace PodIdentity.Provider.Shared;

/// <summary>Shorthands for the string attributes that every resource and data source here declares.</summary>
internal static class StringAttributes
{
    /// <summary>Assigned by AWS at creation and never changed: plans keep the value from state.</summary>
    public static SchemaAttribute Assigned(string name, string description) => new()
    {
        Name = name,
        Type = CtyType.String,
        Computed = true,
        Description = description,
        PlanModifiers = [PlanModifiers.UseNonNullStateForUnknown()],
    };

    /// <summary>An optional argument.</summary>
    public static SchemaAttribute Optional(string name, string description, params IValueValidator[] validators) =>
        new() { Name = name, Type = CtyType.String, Optional = true, Description = description, Validators = validators };

    /// <summary>A required argument.</summary>
    public static SchemaAttribute Required(string name, string description, params IValueValidator[] validators) =>
        new() { Name = name, Type = CtyType.String, Required = true, Description = description, Validators = validators };

    /// <summary>A required argument whose change replaces the resource.</summary>
    public static SchemaAttribute ForcesReplacement(string name, string description, params IValueValidator[] validators) =>
        new()
        {
            Name = name,
            Type = CtyType.String,
            Required = true,
            Description = description,
            Validators = validators,
            PlanModifiers = [PlanModifiers.RequiresReplace()],
        };

    /// <summary>
    /// A resource's region: the provider's when unset (<see cref="RegionAndTagsPlan"/>); changing it replaces the object,
    /// named in <paramref name="replaced"/> ("the add-on").
    /// </summary>
    public static SchemaAttribute ResourceRegion(string replaced) => new()
    {
        Name = RegionAndTagsPlan.Region,
        Type = CtyType.String,
        Optional = true,
        Computed = true,
        Description = $"The region of the cluster; defaults to the provider's region. Changing it replaces {replaced}.",
        PlanModifiers = [PlanModifiers.RequiresReplace()],
    };

    /// <summary>A list resource's region filter.</summary>
    public static SchemaAttribute ListRegion { get; } = new()
    {
        Name = RegionAndTagsPlan.Region,
        Type = CtyType.String,
        Optional = true,
        Description = "The region of the cluster; defaults to the provider's region.",
    };

    /// <summary>A value AWS reports (a data source result; a resource's value that changes with updates).</summary>
    public static SchemaAttribute Output(string name, string description) =>
        new() { Name = name, Type = CtyType.String, Computed = true, Description = description };

    /// <summary>A data source argument that may be given to look something up, or is filled from what was found.</summary>
    public static SchemaAttribute Lookup(string name, string description) =>
        new() { Name = name, Type = CtyType.String, Optional = true, Computed = true, Description = description };

    /// <summary>AWS answers "" and null alike for an unset string; state holds null for both.</summary>
    public static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    /// <summary>RFC 3339 in UTC, to the second (as the official provider writes timestamps).</summary>
    public static string? Timestamp(DateTimeOffset? t) =>
        t?.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);
}
