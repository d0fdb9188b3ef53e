using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace DotnetHost.Bridge;

/// <summary>The escaping of the JSON the bridge writes about exceptions (bind descriptions use
/// <see cref="ReplyWriter"/>, which escapes the same characters): what
/// <see cref="JavaScriptEncoder.Default"/> escapes (everything but printable ASCII, and the
/// HTML-sensitive characters), as <c>\uXXXX</c>. The default encoder builds a
/// table of all Unicode on first use, about 8 ms of the first bind (bench/PROFILE.md); this
/// one has nothing to build. Data JSON keeps the default (vectorized) encoder.</summary>
internal sealed class JsonEscaping : JavaScriptEncoder
{
    public static readonly JsonWriterOptions Options = new() { Encoder = new JsonEscaping() };

    private JsonEscaping()
    {
    }

    /// <summary>A scalar beyond the BMP is two escaped UTF-16 units.</summary>
    public override int MaxOutputCharactersPerInputCharacter => 12;

    public override bool WillEncode(int unicodeScalar) => ReplyWriter.Escapes(unicodeScalar);

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        for (var index = 0; index < textLength; index++)
        {
            if (WillEncode(text[index]))
            {
                return index;
            }
        }
        return -1;
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        numberOfCharactersWritten = 0;
        if (!Rune.TryCreate(unicodeScalar, out var rune))
        {
            return false;
        }
        Span<char> units = stackalloc char[2];
        var count = rune.EncodeToUtf16(units);
        if (bufferLength < 6 * count)
        {
            return false;
        }
        const string Hex = "0123456789ABCDEF";
        foreach (var unit in units[..count])
        {
            buffer[numberOfCharactersWritten++] = '\\';
            buffer[numberOfCharactersWritten++] = 'u';
            for (var shift = 12; shift >= 0; shift -= 4)
            {
                buffer[numberOfCharactersWritten++] = Hex[(unit >> shift) & 0xF];
            }
        }
        return true;
    }
}
