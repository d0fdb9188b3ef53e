using System.Reflection;
using System.Text.Json;

namespace DotnetHost.Bridge;

/// <summary>How a JavaScript value that is not a wrapper becomes a <typeparamref name="T"/>
/// of a by-reference type (a class, an interface, a struct):
/// <list type="bullet">
/// <item>a string, number or boolean through <typeparamref name="T"/>'s implicit conversion
/// operator from <c>string</c>, an integer type, <c>double</c> or <c>bool</c>, as C#
/// converts <c>XName name = "root"</c> or <c>BigInteger n = 5</c>;</item>
/// <item>for a struct, a plain object only where nothing is lost: through a public
/// constructor whose parameters its keys name (the others optional), or else public
/// settable members its keys name; anything else is refused;</item>
/// <item>otherwise JSON, deserialized as a new object.</item>
/// </list></summary>
internal static class Conversions<T>
{
    private static readonly Func<string, T>? FromString = Implicit<string>();
    private static readonly Func<int, T>? FromInt32 = Implicit<int>();
    private static readonly Func<long, T>? FromInt64 = Implicit<long>();
    private static readonly Func<double, T>? FromDouble = Implicit<double>();
    private static readonly Func<bool, T>? FromBoolean = Implicit<bool>();

    public static T? FromElement(JsonElement element)
    {
        // A string, number or boolean where T is what its natural value is (a string for an
        // IEnumerable<char>, an int for an IComparable): the value itself, as C# converts it.
        if (element.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False
            && NaturalObjects.Natural(element) is T natural)
        {
            return natural;
        }
        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
                return default(T) == null ? default : throw new JsonException($"null is not a {TypeNames.Display(typeof(T))}");
            case JsonValueKind.String when FromString != null:
                return FromString(element.GetString()!);
            case JsonValueKind.True or JsonValueKind.False when FromBoolean != null:
                return FromBoolean(element.GetBoolean());
            case JsonValueKind.Number when FromInt32 != null && element.TryGetInt32(out var small):
                return FromInt32(small);
            case JsonValueKind.Number when FromInt64 != null && element.TryGetInt64(out var large):
                return FromInt64(large);
            case JsonValueKind.Number when FromDouble != null:
                return FromDouble(element.GetDouble());
            case JsonValueKind.Object when typeof(T).IsValueType && Nullable.GetUnderlyingType(typeof(T)) == null:
                return StructFromObject(element);
        }
        if (typeof(T).IsValueType && Nullable.GetUnderlyingType(typeof(T)) is not { } underlying)
        {
            throw new JsonException($"a {TypeNames.Display(typeof(T))} comes from .NET (a wrapper), or from a plain object naming its constructor's parameters or settable members");
        }
        return element.Deserialize<T>(JsonOptions.Default);
    }

    /// <summary>The names a plain object may use for a struct: its constructors' parameters
    /// and its settable members (lowercase), or null for a type that is not such a struct.</summary>
    public static IEnumerable<string> ObjectKeys() => Keys(typeof(T));

    public static IEnumerable<string> Keys(Type type) =>
        type.GetConstructors().SelectMany(constructor => constructor.GetParameters()).Select(parameter => parameter.Name ?? "")
            .Concat(Settable(type).Select(member => member.Name))
            .Select(name => name.ToLowerInvariant())
            .Where(name => name.Length > 0)
            .Distinct();

    private static IEnumerable<MemberInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.SetMethod is { IsPublic: true } && property.GetIndexParameters().Length == 0)
            .Cast<MemberInfo>()
            .Concat(type.GetFields(BindingFlags.Public | BindingFlags.Instance).Where(field => !field.IsInitOnly));

    private static T StructFromObject(JsonElement element)
    {
        var keys = element.EnumerateObject().ToDictionary(property => property.Name, property => property.Value, StringComparer.OrdinalIgnoreCase);
        foreach (var constructor in typeof(T).GetConstructors().OrderByDescending(constructor => constructor.GetParameters().Length))
        {
            var parameters = constructor.GetParameters();
            if (parameters.Length == keys.Count && parameters.All(parameter => parameter.Name != null && keys.ContainsKey(parameter.Name))
                || parameters.Length > keys.Count && keys.Keys.All(key => parameters.Any(parameter => string.Equals(parameter.Name, key, StringComparison.OrdinalIgnoreCase)))
                    && parameters.All(parameter => keys.ContainsKey(parameter.Name ?? "") || parameter.HasDefaultValue))
            {
                var arguments = parameters.Select(parameter => keys.TryGetValue(parameter.Name ?? "", out var value)
                    ? value.Deserialize(parameter.ParameterType, JsonOptions.Default)
                    : parameter.DefaultValue).ToArray();
                return (T)constructor.Invoke(arguments);
            }
        }
        var members = Settable(typeof(T)).ToDictionary(member => member.Name, StringComparer.OrdinalIgnoreCase);
        if (keys.Count > 0 && keys.Keys.All(members.ContainsKey))
        {
            object boxed = default(T)!;
            foreach (var (key, value) in keys)
            {
                switch (members[key])
                {
                    case PropertyInfo property:
                        property.SetValue(boxed, value.Deserialize(property.PropertyType, JsonOptions.Default));
                        break;
                    case FieldInfo field:
                        field.SetValue(boxed, value.Deserialize(field.FieldType, JsonOptions.Default));
                        break;
                }
            }
            return (T)boxed;
        }
        throw new JsonException(
            $"cannot make a {TypeNames.Display(typeof(T))} from an object with {(keys.Count == 0 ? "no keys" : $"keys {string.Join(", ", keys.Keys)}")}: " +
            $"a struct converts from a plain object only through a public constructor whose parameters its keys name, or public settable members ({(Keys(typeof(T)).Any() ? string.Join(", ", Keys(typeof(T))) : "it has none")}); " +
            "pass a value .NET returned instead");
    }

    /// <summary>T's <c>op_Implicit</c> from <typeparamref name="TSource"/>, if it has one.</summary>
    private static Func<TSource, T>? Implicit<TSource>() =>
        ConversionOperators.Implicit(typeof(T), typeof(TSource))?.CreateDelegate<Func<TSource, T>>();
}

/// <summary>Implicit conversion operators, looked up by type (no generic instantiation or
/// reflection call needed to ask).</summary>
internal static class ConversionOperators
{
    /// <summary>The JavaScript-side values whose natural .NET types a conversion can start
    /// from, by their C# names.</summary>
    private static readonly (Type Source, string Name)[] Sources =
        [(typeof(string), "string"), (typeof(int), "int"), (typeof(long), "long"), (typeof(double), "double"), (typeof(bool), "bool")];

    /// <summary><paramref name="target"/>'s <c>op_Implicit</c> from <paramref name="source"/>, if it has one.</summary>
    public static MethodInfo? Implicit(Type target, Type source) =>
        target.GetMethods(BindingFlags.Public | BindingFlags.Static).FirstOrDefault(method =>
            method.Name == "op_Implicit" && method.ReturnType == target
            && method.GetParameters() is [{ } parameter] && parameter.ParameterType == source);

    /// <summary>The natural JavaScript-side types <paramref name="target"/> converts from
    /// implicitly (for choosing overloads): C# names such as <c>string</c>, <c>int</c>.</summary>
    public static IEnumerable<string> ImplicitFrom(Type target) =>
        Sources.Where(source => Implicit(target, source.Source) != null).Select(source => source.Name);
}
