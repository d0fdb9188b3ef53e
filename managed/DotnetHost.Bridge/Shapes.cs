using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace DotnetHost.Bridge;

/// <summary>Which types cross by value (copied: as a JavaScript value of their own, or as
/// JSON) and which by reference (a JavaScript wrapper holding the .NET object).
/// <list type="bullet">
/// <item>Values with a natural JavaScript form cross by value: numbers, strings, dates,
/// durations, GUIDs, decimals, enums, <c>DateOnly</c>/<c>TimeOnly</c>.</item>
/// <item>Data crosses by value as JSON: records, anonymous types, and arrays of
/// by-value elements (nested for multi-dimensional and jagged arrays).</item>
/// <item>Everything else crosses by reference, structs included: a struct's data often
/// lives in private fields that no JavaScript copy could carry, so a wrapper holds a
/// boxed copy with all its members. JSON documents (<c>JsonNode</c>,
/// <c>JsonDocument</c>, <c>JsonElement</c>) are objects too: <c>toJSON()</c> gives their
/// JSON.</item>
/// </list></summary>
internal static class Shapes
{
    private static readonly ConcurrentDictionary<Type, bool> ByValue = new();

    /// <summary>Structs that are values in JavaScript too.</summary>
    private static readonly HashSet<Type> NaturalStructs =
    [
        typeof(bool), typeof(char), typeof(sbyte), typeof(byte), typeof(short), typeof(ushort), typeof(int),
        typeof(uint), typeof(long), typeof(ulong), typeof(float), typeof(double), typeof(nint), typeof(nuint),
        typeof(decimal), typeof(DateTime), typeof(DateTimeOffset), typeof(TimeSpan), typeof(Guid),
        typeof(DateOnly), typeof(TimeOnly),
    ];

    public static bool IsByValue(Type type) => ByValue.GetOrAdd(type, Decide);

    /// <summary>A struct with a natural JavaScript value (or a nullable one).</summary>
    public static bool IsNaturalValue(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying.IsEnum || NaturalStructs.Contains(underlying);
    }

    private static bool Decide(Type type)
    {
        if (type.IsValueType)
        {
            return IsNaturalValue(type);
        }
        if (type == typeof(string) || IsRecord(type) || IsAnonymous(type))
        {
            return true;
        }
        return type.IsArray && IsByValue(type.GetElementType()!);
    }

    /// <summary>The C# compiler gives every record class a <c>&lt;Clone&gt;$</c> method.</summary>
    internal static bool IsRecord(Type type) => type.IsClass && type.GetMethod("<Clone>$") != null;

    private static bool IsAnonymous(Type type) =>
        type.IsClass && type.IsSealed && type.Name.Contains("AnonymousType", StringComparison.Ordinal)
        && Attribute.IsDefined(type, typeof(CompilerGeneratedAttribute), false);
}
