using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Unicode;

namespace Relaybox.Smtp.Auth;

/// <summary>Decoding helpers that report a client's malformed input as false, never as an exception.</summary>
internal static class SaslText
{
    /// <summary>Decodes strict UTF-8 (RFC 3629); invalid sequences are a malformed response, not replacement characters.</summary>
    public static bool TryGetUtf8(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out string? text)
    {
        if (!Utf8.IsValid(bytes))
        {
            text = null;
            return false;
        }

        text = Encoding.UTF8.GetString(bytes);
        return true;
    }

    public static bool TryDecodeBase64(ReadOnlySpan<char> text, [NotNullWhen(true)] out byte[]? bytes)
    {
        var buffer = new byte[(text.Length * 3 / 4) + 3];
        if (Convert.TryFromBase64Chars(text, buffer, out int written))
        {
            bytes = buffer[..written];
            return true;
        }

        bytes = null;
        return false;
    }

    /// <summary>Parses exactly <paramref name="byteCount"/> bytes of hex, either case.</summary>
    public static bool TryDecodeHex(ReadOnlySpan<char> text, int byteCount, [NotNullWhen(true)] out byte[]? bytes)
    {
        bytes = null;
        if (text.Length != byteCount * 2)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        bytes = Convert.FromHexString(text);
        return true;
    }
}
