namespace PodIdentity.Plugin.Values;

/// <summary>One step of an <see cref="AttributePath"/>; mirrors tfplugin6 AttributePath.Step.</summary>
public abstract record PathStep;

public sealed record AttributeNameStep(string Name) : PathStep;

public sealed record ElementKeyStringStep(string Key) : PathStep;

public sealed record ElementKeyIntStep(long Index) : PathStep;
