using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Relaybox.Smtp.Auth;

/// <summary>
/// Parses a DIGEST-MD5 directive list (RFC 2831 section 7.1: <c>1#( name "=" ( token | quoted-string ) )</c>,
/// with optional whitespace around commas and empty list elements). Directive names are case-insensitive;
/// a repeated directive is malformed (RFC 2831 section 2.1.2 allows each at most once).
/// </summary>
internal static class DigestDirectives
{
    /// <summary>RFC 2831 defines 13 response directives; room for a few unknown auth-params, no more.</summary>
    private const int MaxDirectives = 24;

    public static bool TryParse(string text, [NotNullWhen(true)] out Dictionary<string, string>? directives)
    {
        directives = null;
        var parsed = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        int position = 0;
        while (true)
        {
            SkipSeparators(text, ref position);
            if (position == text.Length)
            {
                break;
            }

            int nameStart = position;
            while (position < text.Length && IsTokenCharacter(text[position]))
            {
                position++;
            }

            string name = text[nameStart..position];
            SkipWhitespace(text, ref position);
            if (name.Length == 0 || position == text.Length || text[position] != '=')
            {
                return false;
            }

            position++;
            SkipWhitespace(text, ref position);
            if (!TryReadValue(text, ref position, out string? value) || parsed.Count == MaxDirectives || !parsed.TryAdd(name, value))
            {
                return false;
            }

            SkipWhitespace(text, ref position);
            if (position < text.Length && text[position] != ',')
            {
                return false;
            }
        }

        directives = parsed;
        return parsed.Count > 0;
    }

    private static bool TryReadValue(string text, ref int position, [NotNullWhen(true)] out string? value)
    {
        value = null;
        if (position < text.Length && text[position] == '"')
        {
            var quoted = new StringBuilder();
            position++;
            while (position < text.Length && text[position] != '"')
            {
                // quoted-pair (RFC 2831 section 7.1 via RFC 2616): a backslash takes the next character literally.
                if (text[position] == '\\')
                {
                    position++;
                    if (position == text.Length)
                    {
                        return false;
                    }
                }

                quoted.Append(text[position]);
                position++;
            }

            if (position == text.Length)
            {
                return false;
            }

            position++;
            value = quoted.ToString();
            return true;
        }

        int start = position;
        while (position < text.Length && IsTokenCharacter(text[position]))
        {
            position++;
        }

        value = text[start..position];
        return value.Length > 0;
    }

    private static void SkipSeparators(string text, ref int position)
    {
        while (position < text.Length && (text[position] == ',' || IsWhitespace(text[position])))
        {
            position++;
        }
    }

    private static void SkipWhitespace(string text, ref int position)
    {
        while (position < text.Length && IsWhitespace(text[position]))
        {
            position++;
        }
    }

    private static bool IsWhitespace(char c) => c is ' ' or '\t' or '\r' or '\n';

    /// <summary>RFC 2616 token: printable ASCII except separators.</summary>
    private static bool IsTokenCharacter(char c) =>
        c is > ' ' and < (char)127 && "()<>@,;:\\\"/[]?={}".IndexOf(c) < 0;
}
