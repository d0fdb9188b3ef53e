using System.Collections;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DotnetHost.Bridge;

/// <summary><c>toJSON()</c> of a wrapper, which <c>JSON.stringify</c> calls and which must
/// never throw: a type's own JSON where it has one (a Newtonsoft <c>JToken</c>'s text), else
/// System.Text.Json's view of the object (cycles cut), else — when the serializer cannot
/// handle the type — its public properties read one by one, to a bounded depth and size.</summary>
internal static class SafeJson
{
    private const int MaxDepth = 8;
    private const int MaxItems = 10_000;

    private static readonly JsonSerializerOptions Options = new(JsonOptions.Plain)
    {
        ReferenceHandler = ReferenceHandler.IgnoreCycles,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    public static string Serialize(object value)
    {
        if (OwnJson(value) is { } own)
        {
            return own;
        }
        if (Opaque(value) is { } description)
        {
            return JsonSerializer.Serialize(description);
        }
        try
        {
            return JsonSerializer.Serialize(value, value.GetType(), Options);
        }
        catch (Exception)
        {
            // Any exception: a getter may throw anything. The walk below reads what it can.
        }
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            Walk(writer, value, 0, new HashSet<object>(ReferenceEqualityComparer.Instance));
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>JSON a type already is: Json.NET's tokens (whose System.Text.Json view would
    /// be nested empty arrays) write themselves.</summary>
    private static string? OwnJson(object value)
    {
        for (var type = value.GetType(); type != null; type = type.BaseType)
        {
            if (type.FullName == "Newtonsoft.Json.Linq.JToken")
            {
                var toString = type.GetMethods().FirstOrDefault(method => method.Name == "ToString"
                    && method.GetParameters() is [{ ParameterType.IsEnum: true }, { ParameterType.IsArray: true }]);
                if (toString == null)
                {
                    return null;
                }
                var parameters = toString.GetParameters();
                try
                {
                    return (string?)toString.Invoke(value, [Enum.ToObject(parameters[0].ParameterType, 0), Array.CreateInstance(parameters[1].ParameterType.GetElementType()!, 0)]);
                }
                catch (TargetInvocationException)
                {
                    return null;
                }
            }
        }
        return null;
    }

    /// <summary>Delegates and reflection's objects describe code, not data: their properties
    /// lead through methods, modules and assemblies into the whole runtime (a delegate's walk
    /// was a megabyte of JSON, and minutes under wine). They are their description.</summary>
    private static string? Opaque(object value) => value switch
    {
        Delegate => $"[{TypeNames.Display(value.GetType())}]",
        Type type => TypeNames.Display(type),
        MemberInfo or Assembly or Module or ParameterInfo => value.ToString(),
        _ => null,
    };

    private static void Walk(Utf8JsonWriter writer, object? value, int depth, HashSet<object> seen)
    {
        if (value == null)
        {
            writer.WriteNullValue();
            return;
        }
        if (Opaque(value) is { } description)
        {
            writer.WriteStringValue(description);
            return;
        }
        var type = value.GetType();
        if (Shapes.IsNaturalValue(type) || value is string)
        {
            try
            {
                JsonSerializer.Serialize(writer, value, type, Options);
            }
            catch (Exception)
            {
                writer.WriteStringValue(value.ToString());
            }
            return;
        }
        if (depth >= MaxDepth || (!type.IsValueType && !seen.Add(value)))
        {
            writer.WriteStringValue($"[{TypeNames.Display(type)}]");
            return;
        }
        try
        {
            switch (value)
            {
                case IDictionary dictionary:
                    writer.WriteStartObject();
                    var entries = 0;
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        if (++entries > MaxItems)
                        {
                            break;
                        }
                        writer.WritePropertyName(entry.Key.ToString() ?? "");
                        Walk(writer, entry.Value, depth + 1, seen);
                    }
                    writer.WriteEndObject();
                    return;
                case IEnumerable sequence:
                    writer.WriteStartArray();
                    var items = 0;
                    foreach (var item in sequence)
                    {
                        if (++items > MaxItems)
                        {
                            break;
                        }
                        Walk(writer, item, depth + 1, seen);
                    }
                    writer.WriteEndArray();
                    return;
            }
        }
        catch (Exception)
        {
            // An enumerator that throws: what was written so far stays, closed below.
            writer.WriteStringValue("[error]");
            if (value is IDictionary)
            {
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteEndArray();
            }
            return;
        }
        writer.WriteStartObject();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetMethod is not { IsPublic: true })
            {
                continue;
            }
            object? item;
            try
            {
                item = property.GetValue(value);
            }
            catch (Exception)
            {
                continue;
            }
            writer.WritePropertyName(JsonNamingPolicy.CamelCase.ConvertName(property.Name));
            Walk(writer, item, depth + 1, seen);
        }
        foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Instance))
        {
            writer.WritePropertyName(JsonNamingPolicy.CamelCase.ConvertName(field.Name));
            Walk(writer, field.GetValue(value), depth + 1, seen);
        }
        writer.WriteEndObject();
    }
}
