using System.Globalization;
using System.Text;

namespace DotnetHost.Bridge;

/// <summary>Writes the JSON of the bridge's own replies (bind, type and surface
/// descriptions) straight into a string, with the subset of <c>Utf8JsonWriter</c>'s methods
/// they use. Not <c>Utf8JsonWriter</c> itself: the first bind of a process loaded
/// System.Text.Json, System.Text.Encodings.Web and System.Memory for it, about 5 ms of start-up
/// (bench/PROFILE.md), and its UTF-8 went back to UTF-16 for JavaScript. Data JSON (records,
/// exceptions' values) still goes through System.Text.Json.
///
/// Escapes what <see cref="Escapes"/> names as <c>\uXXXX</c>, one per UTF-16 unit, so a lone
/// surrogate reaches <c>JSON.parse</c> as itself. Misuse (a value where a property name belongs, an
/// unbalanced end) throws, as <c>Utf8JsonWriter</c> does, rather than writing bad JSON.</summary>
internal sealed class ReplyWriter
{
    private readonly StringBuilder text = new();

    /// <summary>Per open container, from the outermost: whether it is an object, and whether
    /// it has an item already (the next one needs a comma).</summary>
    private bool[] objects = new bool[16];
    private bool[] started = new bool[16];
    private int depth;

    /// <summary>A property name was written and its value is due.</summary>
    private bool named;

    /// <summary>The top-level value is complete.</summary>
    private bool done;

    public void WriteStartObject() => Open('{', true);

    public void WriteStartObject(string name)
    {
        WritePropertyName(name);
        Open('{', true);
    }

    public void WriteEndObject() => Close('}', true);

    public void WriteStartArray() => Open('[', false);

    public void WriteStartArray(string name)
    {
        WritePropertyName(name);
        Open('[', false);
    }

    public void WriteEndArray() => Close(']', false);

    public void WritePropertyName(string name)
    {
        if (depth == 0 || !objects[depth - 1] || named)
        {
            throw new InvalidOperationException($"a property name ({name}) outside an object or after another name");
        }
        Separate();
        Quote(name);
        text.Append(':');
        named = true;
    }

    public void WriteString(string name, string? value)
    {
        WritePropertyName(name);
        WriteStringValue(value);
    }

    public void WriteStringValue(string? value)
    {
        BeginValue();
        if (value == null)
        {
            text.Append("null");
        }
        else
        {
            Quote(value);
        }
    }

    public void WriteNumber(string name, long value)
    {
        WritePropertyName(name);
        WriteNumberValue(value);
    }

    public void WriteNumberValue(long value)
    {
        BeginValue();
        text.Append(value.ToString(CultureInfo.InvariantCulture));
    }

    public void WriteBoolean(string name, bool value)
    {
        WritePropertyName(name);
        BeginValue();
        text.Append(value ? "true" : "false");
    }

    public void WriteNullValue()
    {
        BeginValue();
        text.Append("null");
    }

    /// <summary>A value another <see cref="ReplyWriter"/> completed.</summary>
    public void WriteRawValue(string json)
    {
        BeginValue();
        text.Append(json);
    }

    /// <summary>The JSON, once its top-level value is complete.</summary>
    public override string ToString() =>
        done ? text.ToString() : throw new InvalidOperationException("the reply's JSON is incomplete");

    private void Open(char bracket, bool isObject)
    {
        BeginValue();
        done = false;
        text.Append(bracket);
        if (depth == objects.Length)
        {
            objects = Grow(objects);
            started = Grow(started);
        }
        objects[depth] = isObject;
        started[depth] = false;
        depth++;
    }

    private void Close(char bracket, bool isObject)
    {
        if (depth == 0 || objects[depth - 1] != isObject || named)
        {
            throw new InvalidOperationException($"'{bracket}' does not close the open container");
        }
        depth--;
        text.Append(bracket);
        done = depth == 0;
    }

    /// <summary>Where a value may go: after a property name in an object, as an item of an
    /// array, or as the one top-level value.</summary>
    private void BeginValue()
    {
        if (depth == 0)
        {
            if (done || text.Length > 0)
            {
                throw new InvalidOperationException("a second top-level JSON value");
            }
            done = true;
            return;
        }
        if (objects[depth - 1])
        {
            if (!named)
            {
                throw new InvalidOperationException("a value in an object without a property name");
            }
            named = false;
            return;
        }
        Separate();
    }

    private void Separate()
    {
        if (started[depth - 1])
        {
            text.Append(',');
        }
        started[depth - 1] = true;
    }

    private void Quote(string value)
    {
        text.Append('"');
        var from = 0;
        for (var index = 0; index < value.Length; index++)
        {
            var unit = value[index];
            if (!Escapes(unit))
            {
                continue;
            }
            text.Append(value, from, index - from);
            text.Append("\\u").Append(((int)unit).ToString("X4", CultureInfo.InvariantCulture));
            from = index + 1;
        }
        text.Append(value, from, value.Length - from);
        text.Append('"');
    }

    /// <summary>Whether the bridge's JSON escapes this character (or UTF-16 unit): all but
    /// printable ASCII, and the HTML-sensitive characters, as <c>JavaScriptEncoder.Default</c>
    /// does. <see cref="JsonEscaping"/> uses it too.</summary>
    public static bool Escapes(int unit) =>
        unit is < 0x20 or >= 0x7F or '"' or '\\' or '<' or '>' or '&' or '\'' or '+' or '`';

    private static bool[] Grow(bool[] stack)
    {
        var grown = new bool[stack.Length * 2];
        Array.Copy(stack, grown, stack.Length);
        return grown;
    }
}
