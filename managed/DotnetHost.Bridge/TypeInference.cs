using System.Text.Json;

namespace DotnetHost.Bridge;

/// <summary>C#'s type inference (§12.6.3), for the arguments JavaScript passes: each
/// argument's natural .NET type (an integral number is an <c>int</c>, a wrapper its object's
/// run-time type, an array of numbers an <c>int[]</c> or <c>double[]</c>) is matched against
/// the parameter's type to give each type parameter its bounds, and each is fixed to the
/// bound every other converts to. A type parameter that only a lambda's result would give
/// (Select's TResult) cannot be read from a JavaScript function: it is <c>object</c>, unless
/// named with <c>.of(...)</c>.</summary>
internal static class TypeInference
{
    /// <summary>One argument: its natural type, or a JavaScript function (of this arity),
    /// or nothing to infer from (null).</summary>
    public sealed record Argument(Type? Type, int? FunctionArity);

    private static readonly Dictionary<string, Type> Naturals = new()
    {
        ["bool"] = typeof(bool),
        ["int"] = typeof(int),
        ["uint"] = typeof(uint),
        ["long"] = typeof(long),
        ["ulong"] = typeof(ulong),
        ["double"] = typeof(double),
        ["string"] = typeof(string),
        ["char"] = typeof(char),
        ["DateTime"] = typeof(DateTime),
        ["object"] = typeof(object),
        ["Type"] = typeof(Type),
    };

    /// <summary>Parses <c>[{"natural": "int"}, {"typeId": 12}, {"array": {…}},
    /// {"function": 1}, null …]</c>.</summary>
    public static Argument[] Arguments(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray().Select(Read).ToArray();
    }

    private static Argument Read(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return new Argument(null, null);
        }
        if (element.TryGetProperty("function", out var arity))
        {
            return new Argument(null, arity.GetInt32());
        }
        return new Argument(TypeOf(element), null);
    }

    private static Type? TypeOf(JsonElement element)
    {
        if (element.TryGetProperty("natural", out var natural))
        {
            return Naturals.GetValueOrDefault(natural.GetString() ?? "");
        }
        if (element.TryGetProperty("typeId", out var id))
        {
            return Types.Get(id.GetInt32());
        }
        if (element.TryGetProperty("array", out var item))
        {
            return TypeOf(item)?.MakeArrayType();
        }
        if (element.TryGetProperty("object", out _))
        {
            return typeof(Dictionary<string, object>);
        }
        return null;
    }

    /// <summary>The type arguments of <paramref name="definition"/> for these arguments, or
    /// null when one cannot be inferred.</summary>
    public static Type[]? Infer(System.Reflection.MethodInfo definition, Argument[] arguments)
    {
        var parameters = definition.GetParameters();
        var generics = definition.GetGenericArguments();
        var bounds = generics.ToDictionary(generic => generic, _ => new List<Type>());
        for (var i = 0; i < arguments.Length; i++)
        {
            var parameter = ParameterFor(parameters, i, arguments.Length);
            if (parameter == null)
            {
                return null;
            }
            if (arguments[i].Type is { } type)
            {
                Bound(parameter, type, bounds);
            }
        }
        var fixedTypes = new Type[generics.Length];
        for (var i = 0; i < generics.Length; i++)
        {
            var fixedType = Fix(bounds[generics[i]]);
            if (fixedType == null)
            {
                // Only a lambda's result would say: object, as documented.
                if (!OnlyInDelegateResults(generics[i], parameters, arguments))
                {
                    return null;
                }
                fixedType = typeof(object);
            }
            fixedTypes[i] = fixedType;
        }
        return fixedTypes;
    }

    /// <summary>The parameter type argument <paramref name="index"/> goes to: its own, or the
    /// element of a trailing <c>params</c> array.</summary>
    private static Type? ParameterFor(System.Reflection.ParameterInfo[] parameters, int index, int count)
    {
        if (index < parameters.Length - 1 || (index == parameters.Length - 1 && count == parameters.Length))
        {
            var type = parameters[index].ParameterType;
            return type.IsByRef ? type.GetElementType() : type;
        }
        if (parameters.Length > 0 && parameters[^1].IsDefined(typeof(ParamArrayAttribute), false))
        {
            return parameters[^1].ParameterType.GetElementType();
        }
        return null;
    }

    /// <summary>Lower-bound inference from <paramref name="argument"/> to <paramref name="parameter"/>.</summary>
    private static void Bound(Type parameter, Type argument, Dictionary<Type, List<Type>> bounds)
    {
        if (parameter.IsGenericParameter)
        {
            if (bounds.TryGetValue(parameter, out var list))
            {
                list.Add(argument);
            }
            return;
        }
        if (!parameter.ContainsGenericParameters)
        {
            return;
        }
        if (parameter.IsArray && argument.IsArray && parameter.GetArrayRank() == argument.GetArrayRank())
        {
            Bound(parameter.GetElementType()!, argument.GetElementType()!, bounds);
            return;
        }
        if (!parameter.IsGenericType)
        {
            return;
        }
        var definition = parameter.GetGenericTypeDefinition();
        if (definition == typeof(Nullable<>) && argument.IsValueType)
        {
            Bound(parameter.GetGenericArguments()[0], Nullable.GetUnderlyingType(argument) ?? argument, bounds);
            return;
        }
        var matches = Ancestors(argument)
            .Where(type => type.IsGenericType && type.GetGenericTypeDefinition() == definition)
            .Distinct()
            .ToList();
        if (matches.Count != 1)
        {
            return;
        }
        foreach (var (inner, actual) in parameter.GetGenericArguments().Zip(matches[0].GetGenericArguments()))
        {
            Bound(inner, actual, bounds);
        }
    }

    /// <summary>The type, its base types and its interfaces.</summary>
    private static IEnumerable<Type> Ancestors(Type type)
    {
        for (var current = type; current != null; current = current.BaseType)
        {
            yield return current;
        }
        foreach (var contract in type.GetInterfaces())
        {
            yield return contract;
        }
    }

    private static readonly Type[] Widening =
    [
        typeof(sbyte), typeof(byte), typeof(short), typeof(ushort), typeof(int), typeof(uint), typeof(long),
        typeof(ulong), typeof(float), typeof(double), typeof(decimal),
    ];

    /// <summary>The bound every other bound converts to implicitly (C# "fixing").</summary>
    private static Type? Fix(List<Type> candidates)
    {
        var distinct = candidates.Distinct().ToList();
        if (distinct.Count <= 1)
        {
            return distinct.FirstOrDefault();
        }
        if (distinct.All(Widening.Contains))
        {
            // JavaScript numbers: the widest (an int and a double make a double).
            return distinct.OrderBy(type => Array.IndexOf(Widening, type)).Last();
        }
        return distinct.FirstOrDefault(target => distinct.All(target.IsAssignableFrom));
    }

    /// <summary>Whether <paramref name="generic"/> appears only as a delegate's result, where
    /// only the lambda's body would tell C# what it is.</summary>
    private static bool OnlyInDelegateResults(Type generic, System.Reflection.ParameterInfo[] parameters, Argument[] arguments)
    {
        var inResult = false;
        for (var i = 0; i < parameters.Length; i++)
        {
            var type = parameters[i].ParameterType;
            if (!Mentions(type, generic))
            {
                continue;
            }
            var invoke = typeof(Delegate).IsAssignableFrom(type) ? type.GetMethod("Invoke") : null;
            if (invoke == null || i >= arguments.Length || arguments[i].FunctionArity == null
                || invoke.GetParameters().Any(parameter => Mentions(parameter.ParameterType, generic)))
            {
                return false;
            }
            inResult = true;
        }
        return inResult;
    }

    private static bool Mentions(Type type, Type generic) =>
        type == generic || (type.HasElementType && Mentions(type.GetElementType()!, generic))
        || (type.IsGenericType && type.GetGenericArguments().Any(argument => Mentions(argument, generic)));
}
