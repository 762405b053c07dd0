using System.Globalization;
using System.Text;

namespace Relaybox.Smtp.Delivery.Bounces;

/// <summary>The small pieces of RFC 5322 / MIME text a notice needs: dates, folded fields, quoted-printable.</summary>
internal static class MimeText
{
    /// <summary>RFC 5322 section 2.1.1: lines SHOULD be at most 78 characters.</summary>
    private const int FoldWidth = 78;

    /// <summary>
    /// The longest unbroken run of characters put on one line: folding happens only at spaces, so a longer
    /// word is cut to keep every line under RFC 5322's 998-character limit with room for a field name.
    /// </summary>
    private const int MaxWordLength = 900;

    /// <summary>RFC 2045 section 6.7 rule 5: encoded lines are at most 76 characters.</summary>
    private const int QuotedPrintableWidth = 76;

    /// <summary>RFC 5322 section 3.3 date-time, e.g. "Sun, 22 Nov 2026 16:54:15 +0000".</summary>
    public static string FormatDate(DateTimeOffset when)
    {
        TimeSpan offset = when.Offset;
        char sign = offset < TimeSpan.Zero ? '-' : '+';
        offset = offset.Duration();
        return when.ToString("ddd, dd MMM yyyy HH:mm:ss ", CultureInfo.InvariantCulture) +
               sign + offset.Hours.ToString("00", CultureInfo.InvariantCulture) + offset.Minutes.ToString("00", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Appends "Name: value" CRLF, folding at spaces to keep lines near 78 characters (RFC 5322 section 2.2.3).
    /// Controls in the value (a CR or LF from a remote reply) become spaces so the field cannot be split.
    /// </summary>
    public static void AppendField(StringBuilder output, string name, string value)
    {
        string clean = RemoveControls(value);
        int lineLength = name.Length + 2;
        output.Append(name).Append(": ");
        bool first = true;
        foreach (string word in SplitWords(clean))
        {
            if (!first)
            {
                if (lineLength + 1 + word.Length > FoldWidth && lineLength > 1)
                {
                    output.Append("\r\n ");
                    lineLength = 1;
                }
                else
                {
                    output.Append(' ');
                    lineLength++;
                }
            }

            output.Append(word);
            lineLength += word.Length;
            first = false;
        }

        output.Append("\r\n");
    }

    /// <summary>
    /// Appends <paramref name="text"/> word-wrapped to 76 characters, every line starting with
    /// <paramref name="indent"/>, each ended by CRLF. Controls become spaces; a word too long for a line is
    /// cut across lines (a path or a token in a reply), so every line stays readable.
    /// </summary>
    public static void AppendWrapped(StringBuilder output, string text, string indent)
    {
        int lineLength = 0;
        int room = QuotedPrintableWidth - indent.Length;
        foreach (string word in SplitWords(RemoveControls(text), room))
        {
            if (word.Length == 0)
            {
                continue;
            }

            if (lineLength > 0 && lineLength + 1 + word.Length > QuotedPrintableWidth)
            {
                output.Append("\r\n");
                lineLength = 0;
            }

            if (lineLength == 0)
            {
                output.Append(indent).Append(word);
                lineLength = indent.Length + word.Length;
            }
            else
            {
                output.Append(' ').Append(word);
                lineLength += 1 + word.Length;
            }
        }

        output.Append("\r\n");
    }

    /// <summary>Cuts <paramref name="text"/> to at most <paramref name="limit"/> characters, marking the cut.</summary>
    public static string Truncate(string text, int limit) =>
        text.Length <= limit ? text : string.Concat(text.AsSpan(0, limit - 3), "...");

    /// <summary>Splits at spaces; a word longer than <paramref name="maxWord"/> is cut into pieces.</summary>
    private static IEnumerable<string> SplitWords(string text, int maxWord = MaxWordLength)
    {
        foreach (string word in text.Split(' '))
        {
            for (int start = 0; start < word.Length || (start == 0 && word.Length == 0); start += maxWord)
            {
                yield return word.Substring(start, Math.Min(maxWord, word.Length - start));
                if (word.Length == 0)
                {
                    break;
                }
            }
        }
    }

    public static string RemoveControls(string value)
    {
        var clean = new StringBuilder(value.Length);
        foreach (char c in value)
        {
            clean.Append(char.IsControl(c) ? ' ' : c);
        }

        return clean.ToString();
    }

    public static bool IsAscii(string text) => Ascii.IsValid(text);

    /// <summary>
    /// Encodes text (lines separated by CRLF) as quoted-printable of its UTF-8 octets (RFC 2045 section 6.7):
    /// line breaks stay hard breaks, trailing white space is encoded, long lines get soft breaks.
    /// </summary>
    public static string QuotedPrintable(string text)
    {
        var output = new StringBuilder(text.Length + (text.Length / 8));
        string[] lines = text.Split("\r\n");
        for (int l = 0; l < lines.Length; l++)
        {
            byte[] octets = Encoding.UTF8.GetBytes(lines[l]);
            int width = 0;
            for (int i = 0; i < octets.Length; i++)
            {
                byte b = octets[i];
                bool last = i == octets.Length - 1;
                bool literal = (b is >= 33 and <= 126 && b != (byte)'=') || (b is (byte)' ' or (byte)'\t' && !last);
                int needed = literal ? 1 : 3;

                // Keep room for the "=" of a soft break unless this is the last octet of the line.
                if (width + needed > (last ? QuotedPrintableWidth : QuotedPrintableWidth - 1))
                {
                    output.Append("=\r\n");
                    width = 0;
                }

                if (literal)
                {
                    output.Append((char)b);
                }
                else
                {
                    output.Append('=').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                }

                width += needed;
            }

            if (l < lines.Length - 1)
            {
                output.Append("\r\n");
            }
        }

        return output.ToString();
    }
}
