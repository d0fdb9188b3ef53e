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

    private static readonly Dictionary<Type, Kind> Primitives = new()
    {
        [typeof(bool)] = Kind.Bool,
        [typeof(sbyte)] = Kind.SByte,
        [typeof(byte)] = Kind.Byte,
        [typeof(short)] = Kind.Int16,
        [typeof(ushort)] = Kind.UInt16,
        [typeof(int)] = Kind.Int32,
        [typeof(uint)] = Kind.UInt32,
        [typeof(long)] = Kind.Int64,
        [typeof(ulong)] = Kind.UInt64,
        [typeof(float)] = Kind.Single,
        [typeof(double)] = Kind.Double,
        [typeof(char)] = Kind.Char,
        [typeof(nint)] = Kind.IntPtr,
        [typeof(nuint)] = Kind.UIntPtr,
        [typeof(decimal)] = Kind.Decimal,
        [typeof(DateTime)] = Kind.DateTime,
        [typeof(DateTimeOffset)] = Kind.DateTimeOffset,
        [typeof(TimeSpan)] = Kind.TimeSpan,
        [typeof(Guid)] = Kind.Guid,
    };

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
        if (type == typeof(void))
        {
            return isReturn ? new(type, Kind.Void, false, 0, null) : throw Unsupported(type, "void parameter");
        }
        if (type.IsByRef || type.IsPointer)
        {
            throw Unsupported(type, "ref, out, in and pointer parameters are not supported; use IntPtr");
        }
        var underlying = System.Nullable.GetUnderlyingType(type);
        if (underlying != null)
        {
            var inner = Classify(underlying, isReturn);
            return inner with { Type = type, Nullable = true };
        }
        if (type.IsEnum)
        {
            return new(type, Primitives[Enum.GetUnderlyingType(type)], false, 0, null);
        }
        if (Primitives.TryGetValue(type, out var kind))
        {
            return new(type, kind, false, 0, null);
        }
        if (type == typeof(string))
        {
            return new(type, Kind.String, false, 0, null);
        }
        if (type.IsArray && type.GetArrayRank() == 1 && Elements.Contains(type.GetElementType()!))
        {
            return new(type, Kind.Array, false, Primitives[type.GetElementType()!], null);
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
                if (!Elements.Contains(argument))
                {
                    throw Unsupported(type, "span elements must be primitive numbers or char");
                }
                return new(type, spanKind.Value, false, Primitives[argument], null);
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
