using PodIdentity.Plugin.Values.Internal;

namespace PodIdentity.Plugin.Values;

// Public factories: they check that contents conform to the stated types.
public sealed partial class CtyValue
{
    private static readonly object BoxedTrue = true;
    private static readonly object BoxedFalse = false;
    private static readonly CtyValue TrueValue = new(CtyType.Bool, State.Known, BoxedTrue);
    private static readonly CtyValue FalseValue = new(CtyType.Bool, State.Known, BoxedFalse);
    private static readonly CtyValue EmptyString = new(CtyType.String, State.Known, string.Empty);

    public static CtyValue True => TrueValue;

    public static CtyValue False => FalseValue;

    /// <summary>A null value; optional-attribute markers are dropped from the type (they only constrain).</summary>
    public static CtyValue Null(CtyType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var valueType = type.ValueType;
        return valueType.CachedNull ??= new CtyValue(valueType, State.Null, null);
    }

    public static CtyValue Unknown(CtyType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var valueType = type.ValueType;
        return valueType.CachedUnknown ??= new CtyValue(valueType, State.Unknown, null);
    }

    public static CtyValue String(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length == 0 ? EmptyString : new CtyValue(CtyType.String, State.Known, value);
    }

    public static CtyValue Bool(bool value) => value ? TrueValue : FalseValue;

    public static CtyValue Number(long value) => Number(CtyNumber.FromInt64(value));

    /// <summary>The exact binary value of <paramref name="value"/>; use <see cref="CtyNumber.Parse"/> for decimal text.</summary>
    public static CtyValue Number(double value) => Number(CtyNumber.FromDouble(value));

    public static CtyValue Number(CtyNumber value) => new(CtyType.Number, State.Known, value);

    public static CtyValue List(CtyType elementType, IEnumerable<CtyValue> elements)
    {
        ArgumentNullException.ThrowIfNull(elementType);
        var array = CoerceElements(elementType.ValueType, elements, "list");
        return CreateList(CtyType.List(elementType.ValueType), array);
    }

    /// <summary>A set: duplicates of wholly known elements collapse; elements with unknowns are never merged.</summary>
    public static CtyValue Set(CtyType elementType, IEnumerable<CtyValue> elements)
    {
        ArgumentNullException.ThrowIfNull(elementType);
        var array = CoerceElements(elementType.ValueType, elements, "set");
        return CreateSet(CtyType.Set(elementType.ValueType), array);
    }

    public static CtyValue Map(CtyType elementType, IEnumerable<KeyValuePair<string, CtyValue>> entries)
    {
        ArgumentNullException.ThrowIfNull(elementType);
        ArgumentNullException.ThrowIfNull(entries);
        var target = elementType.ValueType;
        var array = entries.Select(e => KeyValuePair.Create(
            e.Key ?? throw new ArgumentException("Map keys cannot be null.", nameof(entries)),
            Coerce(e.Value, target, "map element"))).ToArray();
        Array.Sort(array, static (a, b) => Utf8Ordinal.Compare(a.Key, b.Key));
        for (var i = 1; i < array.Length; i++)
        {
            if (array[i].Key == array[i - 1].Key)
            {
                throw new ArgumentException($"Duplicate map key \"{array[i].Key}\".", nameof(entries));
            }
        }

        return CreateMap(CtyType.Map(target), array);
    }

    public static CtyValue Tuple(IEnumerable<CtyValue> elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        var array = elements.ToArray();
        var types = new CtyType[array.Length];
        for (var i = 0; i < array.Length; i++)
        {
            types[i] = (array[i] ?? throw new ArgumentException("Tuple elements cannot be null references.", nameof(elements))).Type;
        }

        return CreateTuple(CtyType.Tuple(types), array);
    }

    public static CtyValue Tuple(params CtyValue[] elements) => Tuple((IEnumerable<CtyValue>)elements);

    /// <summary>A tuple of a stated type, for slots that are dynamic in <paramref name="type"/>.</summary>
    public static CtyValue Tuple(TupleType type, IEnumerable<CtyValue> elements)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(elements);
        var valueType = (TupleType)type.ValueType;
        var array = elements.ToArray();
        if (array.Length != valueType.ElementTypes.Count)
        {
            throw new ArgumentException($"The tuple type has {valueType.ElementTypes.Count} elements, but {array.Length} were given.", nameof(elements));
        }

        for (var i = 0; i < array.Length; i++)
        {
            array[i] = Coerce(array[i], valueType.ElementTypeSpan[i], $"tuple element {i}");
        }

        return CreateTuple(valueType, array);
    }

    /// <summary>An object of <paramref name="type"/>: every attribute must be given, and no others.</summary>
    public static CtyValue Object(ObjectType type, IReadOnlyDictionary<string, CtyValue> attributes)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(attributes);
        var valueType = (ObjectType)type.ValueType;
        var names = valueType.NameSpan;
        var types = valueType.TypeSpan;
        var array = new CtyValue[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            if (!attributes.TryGetValue(names[i], out var v))
            {
                throw new ArgumentException($"Missing attribute \"{names[i]}\".", nameof(attributes));
            }

            array[i] = Coerce(v, types[i], $"attribute \"{names[i]}\"");
        }

        if (attributes.Count != names.Length)
        {
            var extra = attributes.Keys.First(k => !valueType.HasAttribute(k));
            throw new ArgumentException($"Unsupported attribute \"{extra}\".", nameof(attributes));
        }

        return CreateObject(valueType, array);
    }

    /// <summary>An object whose type is taken from its attribute values.</summary>
    public static CtyValue Object(IReadOnlyDictionary<string, CtyValue> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var types = attributes.ToDictionary(
            a => a.Key,
            a => (a.Value ?? throw new ArgumentException($"Attribute \"{a.Key}\" is a null reference.", nameof(attributes))).Type,
            StringComparer.Ordinal);
        return Object(CtyType.Object(types), attributes);
    }

    private static CtyValue[] CoerceElements(CtyType target, IEnumerable<CtyValue> elements, string what)
    {
        ArgumentNullException.ThrowIfNull(elements);
        var array = elements.ToArray();
        for (var i = 0; i < array.Length; i++)
        {
            array[i] = Coerce(array[i], target, what + " element");
        }

        return array;
    }

    // Null/unknown of DynamicPseudoType take the slot's concrete type; anything else must already conform.
    private static CtyValue Coerce(CtyValue value, CtyType target, string what)
    {
        ArgumentNullException.ThrowIfNull(value, what);
        if (value.Type.IsDynamic && !target.IsDynamic && !value.IsKnown)
        {
            return Unknown(target);
        }

        if (value.Type.IsDynamic && !target.IsDynamic && value.IsNull)
        {
            return Null(target);
        }

        if (!TypeConformance.Conforms(value.Type, target))
        {
            throw new ArgumentException($"The {what} is of type {value.Type.ToJson()}, which does not conform to {target.ToJson()}.");
        }

        return value;
    }
}
