using Google.Protobuf;
using PodIdentity.Plugin.Values;

namespace PodIdentity.Protocol.Compatibility.Lifecycle;

/// <summary>A resource instance as the client keeps it in state: the object, the provider's private bytes and, for
/// clients that store one, the identity.</summary>
public sealed record StoredObject(CtyValue Value, ByteString Private, CtyValue Identity);

public sealed record PlannedChange(CtyValue Prior, CtyValue Planned, CtyValue Config, ByteString PlannedPrivate, CtyValue PlannedIdentity, IReadOnlyList<string> RequiresReplace);

public sealed record ListedResource(string DisplayName, CtyValue Identity, CtyValue? ResourceObject);
