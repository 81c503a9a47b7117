using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PodIdentity.Aws.Clients;

// Response envelopes: every EKS output wraps its payload in one named member.
internal sealed record AssociationEnvelope(PodIdentityAssociation? Association);
internal sealed record AddonEnvelope(Addon? Addon);
internal sealed record UpdateEnvelope(Update? Update);
internal sealed record ClusterEnvelope(Cluster? Cluster);
internal sealed record TagsEnvelope(IReadOnlyDictionary<string, string>? Tags);
internal sealed record AssociationListEnvelope(IReadOnlyList<PodIdentityAssociationSummary>? Associations, string? NextToken);
internal sealed record AddonNameListEnvelope(IReadOnlyList<string>? Addons, string? NextToken);
internal sealed record AddonInfoListEnvelope(IReadOnlyList<AddonInfo>? Addons, string? NextToken);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(EpochSecondsConverter)])]
[JsonSerializable(typeof(CreatePodIdentityAssociationRequest))]
[JsonSerializable(typeof(UpdatePodIdentityAssociationRequest))]
[JsonSerializable(typeof(CreateAddonRequest))]
[JsonSerializable(typeof(UpdateAddonRequest))]
[JsonSerializable(typeof(TagsEnvelope))]
[JsonSerializable(typeof(AssociationEnvelope))]
[JsonSerializable(typeof(AddonEnvelope))]
[JsonSerializable(typeof(UpdateEnvelope))]
[JsonSerializable(typeof(ClusterEnvelope))]
[JsonSerializable(typeof(AssociationListEnvelope))]
[JsonSerializable(typeof(AddonNameListEnvelope))]
[JsonSerializable(typeof(AddonInfoListEnvelope))]
internal sealed partial class EksJsonContext : JsonSerializerContext;

/// <summary>rest-json timestamps are epoch seconds, possibly fractional; ISO 8601 strings are accepted too.</summary>
internal sealed class EpochSecondsConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            var seconds = reader.GetDecimal();
            return DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
        }

        var text = reader.GetString();
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var s))
        {
            return DateTimeOffset.UnixEpoch.AddTicks((long)(s * TimeSpan.TicksPerSecond));
        }

        return DateTimeOffset.Parse(text ?? "", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteNumberValue((decimal)(value - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerSecond);
}
