using System.Text;
using System.Text.Json;

namespace DotnetHost.Bridge;

/// <summary>A .NET exception described as JSON for the JavaScript DotnetException.</summary>
internal static class ExceptionInfo
{
    private const int MaxDepth = 16;

    public static string ToJson(Exception exception)
    {
        try
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                Write(writer, exception, 0);
            }
            return Encoding.UTF8.GetString(stream.ToArray());
        }
        catch (Exception failure)
        {
            // Describing must never throw: fall back to what certainly serializes.
            return JsonSerializer.Serialize(new
            {
                type = exception.GetType().FullName,
                message = $"{exception.Message} (and describing it failed: {failure.Message})",
                stack = "",
                hresult = exception.HResult,
            });
        }
    }

    private static void Write(Utf8JsonWriter writer, Exception exception, int depth)
    {
        writer.WriteStartObject();
        writer.WriteString("type", exception.GetType().FullName);
        writer.WriteString("message", exception.Message);
        writer.WriteString("stack", exception.StackTrace ?? "");
        writer.WriteNumber("hresult", exception.HResult);
        if (exception is DotnetHost.JavaScriptException javaScript)
        {
            writer.WriteString("reason", javaScript.Reason);
            if (javaScript.ErrorId != 0)
            {
                writer.WriteNumber("jsErrorId", javaScript.ErrorId);
            }
        }
        if (depth < MaxDepth)
        {
            if (exception is AggregateException aggregate)
            {
                writer.WriteStartArray("innerExceptions");
                foreach (var inner in aggregate.InnerExceptions)
                {
                    Write(writer, inner, depth + 1);
                }
                writer.WriteEndArray();
            }
            if (exception.InnerException is { } innerException)
            {
                writer.WritePropertyName("inner");
                Write(writer, innerException, depth + 1);
            }
        }
        writer.WriteEndObject();
    }
}
