using System.Threading;

namespace DotnetHost.Bridge;

/// <summary>How one parameter or return type crosses the boundary, decided once from
/// metadata when a method is bound.</summary>
internal sealed record WireType(Type Type, Kind Kind, bool Nullable, Kind ElementKind, WireType? Inner)
{
    /// <summary>For <see cref="Kind.Object"/> and <see cref="Kind.Delegate"/>: the type's id in
    /// <see cref="Types"/>, which the native side uses to check wrappers before .NET runs.</summary>
    public int TypeId { get; init; }

    /// <summary>Declared <c>object</c>: the value decides at run time whether it crosses by
    /// value (JSON) or by reference.</summary>
    public bool Dynamic { get; init; }

    /// <summary>For <see cref="Kind.Delegate"/>: how a JavaScript function is called as this
    /// delegate, or null with <see cref="SignatureError"/> saying why it cannot be.</summary>
    public DelegateSignature? Signature { get; init; }

    public string? SignatureError { get; init; }

    /// <summary>For collection types a JavaScript array converts to (arrays, spans,
    /// <c>IEnumerable&lt;T&gt;</c>, <c>List&lt;T&gt;</c> …): the element type, for choosing
    /// overloads and for expanding <c>params</c>.</summary>
    public WireType? Element { get; init; }

    /// <summary>The kind of a primitive type (and of the structs that cross as one value), else
    /// <see cref="Kind.Void"/>. A switch, not a <c>Dictionary&lt;Type, Kind&gt;</c>, whose code
    /// would be outside the ReadyToRun image and compiled at the first bind (bench/PROFILE.md).</summary>
    private static Kind Primitive(Type type)
    {
        if (type.IsEnum)
        {
            return Kind.Void;
        }
        return Type.GetTypeCode(type) switch
        {
            TypeCode.Boolean => Kind.Bool,
            TypeCode.SByte => Kind.SByte,
            TypeCode.Byte => Kind.Byte,
            TypeCode.Int16 => Kind.Int16,
            TypeCode.UInt16 => Kind.UInt16,
            TypeCode.Int32 => Kind.Int32,
            TypeCode.UInt32 => Kind.UInt32,
            TypeCode.Int64 => Kind.Int64,
            TypeCode.UInt64 => Kind.UInt64,
            TypeCode.Single => Kind.Single,
            TypeCode.Double => Kind.Double,
            TypeCode.Char => Kind.Char,
            TypeCode.Decimal => Kind.Decimal,
            TypeCode.DateTime => Kind.DateTime,
            _ when type == typeof(nint) => Kind.IntPtr,
            _ when type == typeof(nuint) => Kind.UIntPtr,
            _ when type == typeof(DateTimeOffset) => Kind.DateTimeOffset,
            _ when type == typeof(TimeSpan) => Kind.TimeSpan,
            _ when type == typeof(Guid) => Kind.Guid,
            _ => Kind.Void,
        };
    }

    /// <summary>Primitive element types a JavaScript TypedArray can hold.</summary>
    private static readonly HashSet<Type> Elements =
    [
        typeof(sbyte), typeof(byte), typeof(short), typeof(ushort), typeof(int), typeof(uint),
        typeof(long), typeof(ulong), typeof(float), typeof(double), typeof(char),
    ];

    /// <summary>Values that fit the low bytes of a slot and are read with one reinterpret.</summary>
    public bool IsBlittable => Kind is >= Kind.Bool and <= Kind.UIntPtr;

    public static WireType Classify(Type type, bool isReturn)
    {
        var wire = ClassifyKind(type, isReturn);
        if (wire.TypeId == 0 && !wire.IsBlittable && wire.Kind is not (Kind.Void or Kind.Task or Kind.CancellationToken))
        {
            // Every non-primitive type carries its id, which tells JavaScript its base types
            // and interfaces when overloads are compared.
            wire = wire with { TypeId = Types.Id(type) };
        }
        return wire.Element == null && ElementOf(type) is { } element && element != type
            ? wire with { Element = ClassifyElement(element) }
            : wire;
    }

    /// <summary>An element type that cannot cross leaves the collection crossable as a whole
    /// (by reference), just not built from a JavaScript array.</summary>
    private static WireType? ClassifyElement(Type element)
    {
        try
        {
            return element.IsByRef || element.IsPointer || element.ContainsGenericParameters ? null : Classify(element, false);
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    private static readonly Type[] CollectionInterfaces =
    [
        typeof(IEnumerable<>), typeof(ICollection<>), typeof(IList<>), typeof(IReadOnlyCollection<>),
        typeof(IReadOnlyList<>), typeof(ISet<>), typeof(IReadOnlySet<>),
    ];

    private static readonly Type[] CollectionClasses =
    [
        typeof(List<>), typeof(HashSet<>), typeof(Queue<>), typeof(Stack<>), typeof(LinkedList<>),
        typeof(SortedSet<>), typeof(Span<>), typeof(ReadOnlySpan<>), typeof(Memory<>), typeof(ReadOnlyMemory<>),
    ];

    /// <summary>The element type of a type a JavaScript array converts to, the way a C#
    /// collection expression does, or null.</summary>
    public static Type? ElementOf(Type type)
    {
        if (type.IsArray)
        {
            return type.GetArrayRank() == 1 ? type.GetElementType() : null;
        }
        if (!type.IsGenericType)
        {
            return null;
        }
        var definition = type.GetGenericTypeDefinition();
        return Array.IndexOf(CollectionInterfaces, definition) >= 0 || Array.IndexOf(CollectionClasses, definition) >= 0
            ? type.GetGenericArguments()[0]
            : null;
    }

    private static WireType ClassifyKind(Type type, bool isReturn)
    {
        if (type == typeof(void))
        {
            return isReturn ? new(type, Kind.Void, false, 0, null) : throw Unsupported(type, "void parameter");
        }
        if (type.IsByRef || type.IsPointer)
        {
            throw Unsupported(type, type.IsPointer ? "pointers are not supported; use IntPtr" : "a ref return cannot cross");
        }
        var underlying = System.Nullable.GetUnderlyingType(type);
        if (underlying != null)
        {
            var inner = ClassifyKind(underlying, isReturn);
            return inner with { Type = type, Nullable = true };
        }
        if (type.IsEnum)
        {
            return new(type, Primitive(Enum.GetUnderlyingType(type)), false, 0, null);
        }
        if (Primitive(type) is var kind and not Kind.Void)
        {
            return new(type, kind, false, 0, null);
        }
        if (type == typeof(string))
        {
            return new(type, Kind.String, false, 0, null);
        }
        if (type.IsArray && type.GetArrayRank() == 1 && Elements.Contains(type.GetElementType()!))
        {
            return new(type, Kind.Array, false, Primitive(type.GetElementType()!), null);
        }
        if (type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition();
            var argument = type.GetGenericArguments()[0];
            var spanKind = SpanKind(definition);
            if (spanKind != null)
            {
                if (isReturn)
                {
                    throw Unsupported(type, "spans and memory can be parameters only: they would point into memory the call no longer owns");
                }
                if (Elements.Contains(argument))
                {
                    return new(type, spanKind.Value, false, Primitive(argument), null);
                }
                // Any other element type: built from a JavaScript array, as an array is.
                var element = ClassifyElement(argument) ?? throw Unsupported(type, $"{TypeNames.Display(argument)} elements cannot cross");
                return new(type, spanKind.Value, false, Kind.Void, null) { Element = element, TypeId = Types.Id(type) };
            }
            if (definition == typeof(Task<>) || definition == typeof(ValueTask<>))
            {
                RequireReturn(type, isReturn);
                return new(type, Kind.Task, false, 0, Classify(argument, true));
            }
        }
        if (type == typeof(Task) || type == typeof(ValueTask))
        {
            RequireReturn(type, isReturn);
            return new(type, Kind.Task, false, 0, new(typeof(void), Kind.Void, false, 0, null));
        }
        if (type == typeof(CancellationToken))
        {
            return isReturn
                ? throw Unsupported(type, "a CancellationToken cannot be returned")
                : new(type, Kind.CancellationToken, false, 0, null);
        }
        if (type.IsGenericTypeDefinition || type.ContainsGenericParameters)
        {
            throw Unsupported(type, "open generic types cannot cross; name the type arguments");
        }
        if (type.IsByRefLike)
        {
            throw Unsupported(type, "ref structs cannot cross");
        }
        if (Shapes.IsByValue(type))
        {
            return new(type, Kind.Json, false, 0, null);
        }
        if (!isReturn && typeof(Delegate).IsAssignableFrom(type) && type != typeof(Delegate) && type != typeof(MulticastDelegate))
        {
            return DelegateWire(type);
        }
        return new(type, Kind.Object, false, 0, null) { TypeId = Types.Id(type), Dynamic = type == typeof(object) };
    }

    private static WireType DelegateWire(Type type)
    {
        try
        {
            return new(type, Kind.Delegate, false, 0, null) { TypeId = Types.Id(type), Signature = DelegateSignature.For(type) };
        }
        catch (NotSupportedException unsupported)
        {
            // Still callable with a .NET delegate; only a JavaScript function cannot stand in.
            return new(type, Kind.Delegate, false, 0, null) { TypeId = Types.Id(type), SignatureError = unsupported.Message };
        }
    }

    private static Kind? SpanKind(Type definition) =>
        definition == typeof(Span<>) ? Kind.Span
        : definition == typeof(ReadOnlySpan<>) ? Kind.ReadOnlySpan
        : definition == typeof(Memory<>) ? Kind.Memory
        : definition == typeof(ReadOnlyMemory<>) ? Kind.ReadOnlyMemory
        : null;

    private static void RequireReturn(Type type, bool isReturn)
    {
        if (!isReturn)
        {
            throw Unsupported(type, "a Task cannot be passed from JavaScript");
        }
    }

    private static NotSupportedException Unsupported(Type type, string why) =>
        new($"{TypeNames.Display(type)}: {why}");
}
