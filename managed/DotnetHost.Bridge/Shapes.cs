using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DotnetHost.Bridge;

/// <summary>Which types cross by value (copied, as JSON) and which by reference (a
/// JavaScript wrapper holding the .NET object). Data crosses by value: structs, records,
/// anonymous types, strings, JSON documents and arrays of those. Everything else is an
/// object with behaviour and identity, so it crosses by reference.</summary>
internal static class Shapes
{
    private static readonly ConcurrentDictionary<Type, bool> ByValue = new();

    public static bool IsByValue(Type type) => ByValue.GetOrAdd(type, Decide);

    private static bool Decide(Type type)
    {
        if (type.IsValueType || type == typeof(string) || IsRecord(type) || IsAnonymous(type))
        {
            return true;
        }
        if (typeof(JsonNode).IsAssignableFrom(type) || type == typeof(JsonDocument))
        {
            return true;
        }
        return type.IsArray && type.GetArrayRank() == 1 && IsByValue(type.GetElementType()!);
    }

    /// <summary>The C# compiler gives every record class a <c>&lt;Clone&gt;$</c> method.</summary>
    private static bool IsRecord(Type type) => type.IsClass && type.GetMethod("<Clone>$") != null;

    private static bool IsAnonymous(Type type) =>
        type.IsClass && type.IsSealed && type.Name.Contains("AnonymousType", StringComparison.Ordinal)
        && Attribute.IsDefined(type, typeof(CompilerGeneratedAttribute), false);
}
