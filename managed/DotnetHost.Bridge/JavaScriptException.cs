using System.Text.Json;

namespace DotnetHost;

/// <summary>A JavaScript callback threw, or could not run at all. .NET code that calls a
/// delegate made from a JavaScript function sees this exception; if it reaches JavaScript
/// again, the DotnetException's <c>cause</c> is the original JavaScript error.</summary>
public sealed class JavaScriptException : Exception
{
    /// <summary><c>Threw</c>; or why the function could not run: <c>Deadlock</c> (the
    /// JavaScript thread stayed blocked in a synchronous .NET call), <c>EnvironmentExited</c>
    /// (its worker or main thread ended), <c>Released</c>.</summary>
    public string Reason { get; }

    /// <summary>The JavaScript error's <c>name</c>, e.g. <c>TypeError</c>.</summary>
    public string? JavaScriptName { get; }

    /// <summary>The JavaScript stack trace.</summary>
    public string? JavaScriptStack { get; }

    /// <summary>Lets the JavaScript side find the original error object again.</summary>
    internal long ErrorId { get; }

    private JavaScriptException(string reason, string message, string? name, string? stack, long errorId)
        : base(message)
    {
        Reason = reason;
        JavaScriptName = name;
        JavaScriptStack = stack;
        ErrorId = errorId;
    }

    /// <summary>Characters of a JavaScript error's message kept in the exception.</summary>
    public const int MaxMessage = 1000;

    internal static JavaScriptException FromJson(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            string? Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            var id = root.TryGetProperty("errorId", out var errorId) && errorId.TryGetInt64(out var number) ? number : 0;
            var name = Text("name");
            var message = Text("message") ?? "";
            // A JavaScript error's message may hold the .NET exception it came from, which
            // holds the JavaScript error it came from …: nested calls would grow it at
            // every level. The root cause is at the end, so the middle goes.
            if (message.Length > MaxMessage)
            {
                message = message[..(MaxMessage / 4)] + " … " + message[^(MaxMessage * 3 / 4)..];
            }
            return new("Threw", name == null ? message : $"{name}: {message}", name, Text("stack"), id);
        }
        catch (JsonException)
        {
            return new("Threw", json, null, null, 0);
        }
    }

    /// <summary>From the native side's <c>Reason\nmessage</c>.</summary>
    internal static JavaScriptException CannotRun(string text)
    {
        var newline = text.IndexOf('\n');
        return newline < 0
            ? new("CannotRun", text, null, null, 0)
            : new(text[..newline], text[(newline + 1)..], null, null, 0);
    }
}
