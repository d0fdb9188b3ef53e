using System.Reflection;
using System.Text;
using System.Text.Json;

namespace DotnetHost.Bridge;

/// <summary>A .NET exception described as JSON for the JavaScript DotnetException: its type,
/// message and stack, its own public properties (<c>ParamName</c>, <c>LineNumber</c> …), a
/// reference to the exception object itself, and its inner exceptions. Describing never
/// throws and never lets the exception change what is reported: a property getter that
/// throws is left out (a throwing <c>Message</c> is reported as such, under the real
/// type). What crosses is bounded: <see cref="MaxDepth"/> levels of inner exceptions,
/// <see cref="MaxExceptions"/> exceptions in all, and <see cref="MaxText"/> characters per
/// message or stack.</summary>
internal static class ExceptionInfo
{
    public const int MaxDepth = 8;
    public const int MaxExceptions = 32;
    public const int MaxText = 8192;

    /// <summary>Members every exception has, which the JavaScript error carries already.</summary>
    private static readonly HashSet<string> Common =
    [
        nameof(Exception.Message), nameof(Exception.StackTrace), nameof(Exception.Data), nameof(Exception.InnerException),
        nameof(Exception.TargetSite), nameof(Exception.Source), nameof(Exception.HelpLink), nameof(Exception.HResult),
        nameof(AggregateException.InnerExceptions),
    ];

    /// <param name="argument">For an argument JavaScript passed that could not become its
    /// parameter's value: the parameter's name and type, reported as an
    /// InvalidArgumentError instead of an exception of the method.</param>
    public static string ToJson(Exception exception, (string Name, string Type, string Signature)? argument = null)
    {
        References.Begin();
        try
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, JsonEscaping.Options))
            {
                var count = 0;
                Write(writer, exception, 0, ref count, argument);
            }
            return Encoding.UTF8.GetString(stream.ToArray());
        }
        catch (Exception failure)
        {
            // Describing must never throw: fall back to what certainly serializes.
            return JsonSerializer.Serialize(new
            {
                type = exception.GetType().FullName,
                message = $"(describing the exception failed: {failure.GetType().FullName})",
                stack = "",
                hresult = exception.HResult,
            });
        }
    }

    private static string? Safe(Func<string?> read, out string? failure)
    {
        failure = null;
        try
        {
            var text = read();
            return text != null && text.Length > MaxText ? text[..MaxText] + "…" : text;
        }
        catch (Exception thrown)
        {
            failure = thrown.GetType().FullName;
            return null;
        }
    }

    private static void Write(Utf8JsonWriter writer, Exception exception, int depth, ref int count, (string Name, string Type, string Signature)? argument)
    {
        count++;
        writer.WriteStartObject();
        writer.WriteString("type", exception.GetType().FullName);
        var message = Safe(() => exception.Message, out var failure);
        // Exactly: a message quotes its input, which may hold a lone surrogate.
        writer.WritePropertyName("message");
        JsonStrings.WriteValue(writer, message ?? $"(its Message property threw {failure})");
        writer.WritePropertyName("stack");
        JsonStrings.WriteValue(writer, Safe(() => exception.StackTrace, out _) ?? "");
        writer.WriteNumber("hresult", exception.HResult);
        if (exception is DotnetHost.JavaScriptException javaScript)
        {
            writer.WriteString("reason", javaScript.Reason);
            if (javaScript.ErrorId != 0)
            {
                writer.WriteNumber("jsErrorId", javaScript.ErrorId);
            }
        }
        if (argument is { } parameter && exception is ArgumentReadException read)
        {
            writer.WriteStartObject("argument");
            writer.WriteString("parameter", parameter.Name);
            writer.WriteString("dotnetType", parameter.Type);
            writer.WriteString("signature", parameter.Signature);
            writer.WriteBoolean("range", read.Range);
            writer.WriteEndObject();
        }
        else
        {
            WriteProperties(writer, exception);
            writer.WriteStartObject("object");
            writer.WriteString(ObjectReferences.Property, RecentExceptions.Add(exception));
            writer.WriteNumber(ObjectReferences.TypeProperty, Types.Id(exception.GetType()));
            writer.WriteEndObject();
        }
        if (depth < MaxDepth)
        {
            if (exception is AggregateException aggregate)
            {
                // Its InnerException is its first inner exception: written once, here.
                writer.WriteStartArray("innerExceptions");
                foreach (var inner in aggregate.InnerExceptions)
                {
                    if (count >= MaxExceptions)
                    {
                        break;
                    }
                    Write(writer, inner, depth + 1, ref count, null);
                }
                writer.WriteEndArray();
            }
            else if (exception.InnerException is { } innerException && count < MaxExceptions)
            {
                writer.WritePropertyName("inner");
                Write(writer, innerException, depth + 1, ref count, null);
            }
        }
        writer.WriteEndObject();
    }

    /// <summary>The exception's own public properties with plain values (numbers, strings,
    /// booleans, enums as results cross); objects are reachable through the wrapper.</summary>
    private static void WriteProperties(Utf8JsonWriter writer, Exception exception)
    {
        writer.WriteStartObject("properties");
        foreach (var property in exception.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (Common.Contains(property.Name) || property.GetIndexParameters().Length > 0 || property.GetMethod is not { IsPublic: true })
            {
                continue;
            }
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (!(type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal)))
            {
                continue;
            }
            object? value;
            try
            {
                value = property.GetValue(exception);
            }
            catch (Exception)
            {
                continue;
            }
            writer.WritePropertyName(JsonNamingPolicy.CamelCase.ConvertName(property.Name));
            switch (value)
            {
                case null:
                    writer.WriteNullValue();
                    break;
                case Enum when Enums.NameOf(value.GetType(), value) is { } name:
                    writer.WriteStringValue(name);
                    break;
                case Enum:
                    writer.WriteNumberValue(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case string text:
                    JsonStrings.WriteValue(writer, text.Length > MaxText ? text[..MaxText] + "…" : text);
                    break;
                default:
                    JsonSerializer.Serialize(writer, value, value.GetType(), JsonOptions.Default);
                    break;
            }
        }
        writer.WriteEndObject();
    }
}
