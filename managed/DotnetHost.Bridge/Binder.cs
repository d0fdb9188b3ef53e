using System.Reflection;
using System.Text;
using System.Text.Json;

namespace DotnetHost.Bridge;

/// <summary>Finds a public static method by name, classifies every overload's signature and
/// compiles the supported ones. The result, as JSON, lets the JavaScript side choose an
/// overload per call and convert values without asking .NET again.</summary>
internal static class Binder
{
    private static readonly object Gate = new();
    private static volatile Invoker[] invokers = [];

    /// <summary>Compiled methods never go away (a DynamicMethod lives as long as its
    /// delegate is referenced), so each method is compiled once however often it is bound.</summary>
    private static readonly Dictionary<MethodInfo, int> Compiled = [];

    public static Invoker[] Invokers => invokers;

    private static int Register(Invoker invoker)
    {
        lock (Gate)
        {
            var next = new Invoker[invokers.Length + 1];
            invokers.CopyTo(next, 0);
            next[^1] = invoker;
            invokers = next;
            return next.Length - 1;
        }
    }

    public static string Bind(int assemblyId, string typeName, string methodName, string[]? parameterTypes)
    {
        var assembly = Loader.Get(assemblyId);
        var type = assembly.GetType(typeName, throwOnError: false);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            if (type == null || !type.IsVisible)
            {
                Error(json, "TypeNotFound", type == null
                    ? $"{assembly.GetName().Name} has no type {typeName}"
                    : $"{typeName} is not public",
                    SimilarTypes(assembly, typeName));
            }
            else
            {
                var named = type.GetMethods(BindingFlags.Public | BindingFlags.Static)
                    .Where(method => method.Name == methodName)
                    .ToList();
                var matching = parameterTypes == null ? named : named.Where(method => Matches(method, parameterTypes)).ToList();
                if (named.Count == 0)
                {
                    Error(json, "MethodNotFound", $"{typeName} has no public static method {methodName}",
                        type.GetMethods(BindingFlags.Public | BindingFlags.Static)
                            .Select(method => method.Name).Distinct().Order());
                }
                else if (matching.Count == 0)
                {
                    Error(json, "NoMatchingOverload",
                        $"no overload of {typeName}.{methodName} takes ({string.Join(", ", parameterTypes!)})",
                        named.Select(Signature));
                }
                else
                {
                    json.WriteStartArray("candidates");
                    foreach (var method in matching)
                    {
                        Candidate(json, method);
                    }
                    json.WriteEndArray();
                }
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static bool Matches(MethodInfo method, string[] parameterTypes)
    {
        var parameters = method.GetParameters();
        return parameters.Length == parameterTypes.Length
            && parameters.Zip(parameterTypes).All(pair => TypeNames.Matches(pair.First.ParameterType, pair.Second));
    }

    private static IEnumerable<string> SimilarTypes(Assembly assembly, string typeName)
    {
        var shortName = typeName[(typeName.LastIndexOfAny(['.', '+']) + 1)..];
        return assembly.GetExportedTypes()
            .Where(type => string.Equals(type.Name, shortName, StringComparison.OrdinalIgnoreCase))
            .Select(type => type.FullName ?? type.Name)
            .Order();
    }

    public static string Signature(MethodInfo method) =>
        $"{TypeNames.Display(method.ReturnType)} {method.Name}({string.Join(", ",
            method.GetParameters().Select(parameter => $"{TypeNames.Display(parameter.ParameterType)} {parameter.Name}"))})";

    private static void Error(Utf8JsonWriter json, string code, string message, IEnumerable<string> candidates)
    {
        json.WriteString("error", code);
        json.WriteString("message", message);
        json.WriteStartArray("candidates");
        foreach (var candidate in candidates)
        {
            json.WriteStringValue(candidate);
        }
        json.WriteEndArray();
    }

    private static void Candidate(Utf8JsonWriter json, MethodInfo method)
    {
        json.WriteStartObject();
        json.WriteString("signature", Signature(method));
        try
        {
            if (method.IsGenericMethodDefinition)
            {
                throw new NotSupportedException("generic methods are not supported yet");
            }
            var parameters = method.GetParameters();
            var wires = parameters.Select(parameter => WireType.Classify(parameter.ParameterType, false)).ToArray();
            var result = WireType.Classify(method.ReturnType, true);
            int id;
            lock (Gate)
            {
                if (!Compiled.TryGetValue(method, out id))
                {
                    id = Register(Compiler.Compile(method, wires, result));
                    Compiled[method] = id;
                }
            }
            json.WriteNumber("id", id);
            json.WritePropertyName("returns");
            Wire(json, result);
            json.WriteStartArray("parameters");
            for (var i = 0; i < parameters.Length; i++)
            {
                json.WriteStartObject();
                json.WriteString("name", parameters[i].Name);
                json.WriteString("type", TypeNames.Display(parameters[i].ParameterType));
                WireFields(json, wires[i]);
                if (parameters[i].HasDefaultValue)
                {
                    json.WritePropertyName("default");
                    JsonSerializer.Serialize(json, DefaultValue(parameters[i]), JsonOptions.Default);
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        catch (NotSupportedException unsupported)
        {
            json.WriteString("unsupported", unsupported.Message);
        }
        json.WriteEndObject();
    }

    /// <summary>Enum defaults as their number, so JavaScript can pass them back as is.</summary>
    private static object? DefaultValue(ParameterInfo parameter) =>
        parameter.DefaultValue is Enum value ? Convert.ToInt64(value) : parameter.DefaultValue;

    private static void Wire(Utf8JsonWriter json, WireType wire)
    {
        json.WriteStartObject();
        json.WriteString("type", TypeNames.Display(wire.Type));
        WireFields(json, wire);
        json.WriteEndObject();
    }

    private static void WireFields(Utf8JsonWriter json, WireType wire)
    {
        json.WriteNumber("kind", (int)wire.Kind);
        json.WriteBoolean("nullable", wire.Nullable);
        json.WriteNumber("elementKind", (int)wire.ElementKind);
        var enumType = Nullable.GetUnderlyingType(wire.Type) ?? wire.Type;
        if (enumType.IsEnum)
        {
            json.WriteStartObject("enumValues");
            foreach (var name in Enum.GetNames(enumType))
            {
                json.WriteNumber(name, Convert.ToInt64(Enum.Parse(enumType, name)));
            }
            json.WriteEndObject();
        }
        if (wire.Inner != null)
        {
            json.WritePropertyName("inner");
            Wire(json, wire.Inner);
        }
    }
}
