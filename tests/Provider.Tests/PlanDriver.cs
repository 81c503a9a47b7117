using Google.Protobuf;
using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Framework.Internal;
using PodIdentity.Plugin.Values;
using Proto = PodIdentity.Plugin.Protocol.Tfplugin6;

namespace PodIdentity.Provider.Tests;

/// <summary>What one PlanResourceChange answered, read back from the wire.</summary>
internal sealed record PlannedChange(CtyValue Plan, IReadOnlyList<AttributePath> RequiresReplace, Diagnostics Diagnostics, byte[]? PlannedPrivate);

/// <summary>
/// Plans a resource change as Terraform does: the proposed new state from configuration and prior state as
/// objchange.ProposedNew computes it, every value msgpack-encoded, and the framework's own PlanResourceChange (defaults,
/// computed attributes, plan modifiers, the resource's ModifyPlan) on a provider service that serves the resource.
/// Computed values therefore come from the schema, never from a list in a test.
/// </summary>
internal sealed class PlanDriver(IResource resource)
{
    private readonly ProviderService _service = new(new OneResourceProvider(resource));

    private ObjectType Type => resource.Schema.Type;

    public async Task<PlannedChange> PlanAsync(CtyValue config, CtyValue prior, byte[]? priorPrivate = null, CancellationToken cancellationToken = default)
    {
        var response = await _service.PlanResourceChange(
            new Proto.PlanResourceChange.Types.Request
            {
                TypeName = resource.TypeName,
                PriorState = Encode(prior),
                ProposedNewState = Encode(ProposedNew(resource.Schema.Attributes, resource.Schema.Blocks, prior, config)),
                Config = Encode(config),
                PriorPrivate = priorPrivate is null ? ByteString.Empty : ByteString.CopyFrom(priorPrivate),
            },
            cancellationToken);
        var diagnostics = new Diagnostics();
        diagnostics.AddRange(response.Diagnostics.Select(FromProto));
        var planned = MsgPackCodec.Decode(response.PlannedState.Msgpack.Span, Type);
        if (!diagnostics.HasErrors)
        {
            AssertPlanValid(prior, config, planned);
        }

        return new PlannedChange(
            planned,
            response.RequiresReplace.Select(FromProto).ToList(),
            diagnostics,
            response.PlannedPrivate.IsEmpty ? null : response.PlannedPrivate.ToByteArray());
    }

    /// <summary>A create: no prior state.</summary>
    public Task<PlannedChange> PlanCreateAsync(CtyValue config, byte[]? priorPrivate = null, CancellationToken cancellationToken = default) =>
        PlanAsync(config, CtyValue.Null(Type), priorPrivate, cancellationToken);

    private Proto.DynamicValue Encode(CtyValue value) => new() { Msgpack = ByteString.CopyFrom(MsgPackCodec.Encode(value, Type)) };

    /// <summary>
    /// objchange.ProposedNew: configuration wins, except computed attributes the configuration leaves null, which keep
    /// the prior value (null on create). Nested blocks recurse, list elements paired with the prior's by index, a single
    /// block with the prior block; set and map blocks are taken from configuration (ours have no computed attributes).
    /// </summary>
    private static CtyValue ProposedNew(IReadOnlyList<SchemaAttribute> attributes, IReadOnlyList<SchemaBlock> blocks, CtyValue prior, CtyValue config)
    {
        if (config.IsNull || !config.IsKnown)
        {
            return config;
        }

        var result = config;
        foreach (var a in attributes)
        {
            if (a.Computed && config.GetAttribute(a.Name).IsNull)
            {
                result = result.WithAttribute(a.Name, prior.IsNull || !prior.IsKnown ? config.GetAttribute(a.Name) : prior.GetAttribute(a.Name));
            }
        }

        foreach (var b in blocks)
        {
            var configured = config.GetAttribute(b.Name);
            var before = prior.IsNull || !prior.IsKnown ? CtyValue.Null(configured.Type) : prior.GetAttribute(b.Name);
            result = result.WithAttribute(b.Name, b.Nesting switch
            {
                NestingMode.Single => ProposedNew(b.Attributes, b.Blocks, before, configured),
                NestingMode.List when configured.IsKnown && !configured.IsNull => CtyValue.List(
                    ((ListType)configured.Type).ElementType,
                    configured.Elements.Select((e, i) => ProposedNew(
                        b.Attributes, b.Blocks, before.IsKnown && !before.IsNull && i < before.Elements.Count ? before.Elements[i] : CtyValue.Null(e.Type), e))),
                _ when b.Attributes.Any(a => a.Computed) => throw new NotSupportedException($"block {b.Name}: computed attributes in a {b.Nesting} block"),
                _ => configured,
            });
        }

        return result;
    }

    // objchange.AssertPlanValid for top-level attributes: a configured value is planned as configured, or as the prior
    // value it is equivalent to; only computed attributes the configuration leaves null may take another value.
    private void AssertPlanValid(CtyValue prior, CtyValue config, CtyValue planned)
    {
        foreach (var a in resource.Schema.Attributes)
        {
            var (before, configured, after) = (prior.IsNull ? CtyValue.Null(config.GetAttribute(a.Name).Type) : prior.GetAttribute(a.Name),
                config.GetAttribute(a.Name), planned.GetAttribute(a.Name));
            var valid = after.Equals(configured)
                || (after.Equals(before) && !before.IsNull && !configured.IsNull)
                || (a.Computed && (!a.Optional || configured.IsNull))
                || (!configured.IsWhollyKnown && !after.IsWhollyKnown);
            Assert.True(valid, $"invalid plan: {a.Name} is planned as {after} but configured as {configured}");
        }
    }

    private static Diagnostic FromProto(Proto.Diagnostic d) => new(
        d.Severity == Proto.Diagnostic.Types.Severity.Warning ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error,
        d.Summary,
        d.Detail,
        d.Attribute is null ? null : FromProto(d.Attribute));

    private static AttributePath FromProto(Proto.AttributePath path) => path.Steps.Aggregate(AttributePath.Root, (p, s) => s.SelectorCase switch
    {
        Proto.AttributePath.Types.Step.SelectorOneofCase.AttributeName => p.Attribute(s.AttributeName),
        Proto.AttributePath.Types.Step.SelectorOneofCase.ElementKeyString => p.Key(s.ElementKeyString),
        _ => p.Index(s.ElementKeyInt),
    });

    /// <summary>A provider serving one resource, already configured by its test rig.</summary>
    private sealed class OneResourceProvider(IResource resource) : IProvider
    {
        public Schema Schema { get; } = new();

        public IReadOnlyList<IResource> Resources => [resource];

        public IReadOnlyList<IDataSource> DataSources => [];

        public Task ConfigureAsync(ProviderConfigureRequest request, ProviderConfigureResponse response, CancellationToken cancellationToken) =>
            Task.CompletedTask;
    }
}
