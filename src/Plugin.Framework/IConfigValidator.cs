using PodIdentity.Plugin.Values;

namespace PodIdentity.Plugin.Framework;

/// <summary>A check across several top-level attributes of a whole configuration.</summary>
public interface IConfigValidator
{
    /// <summary>One line, for documentation.</summary>
    string Description { get; }

    void Validate(CtyValue config, Diagnostics diagnostics);
}
