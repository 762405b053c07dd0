namespace Relaybox.Appliance.Configuration.Ini;

/// <summary>
/// Understands one line with the semantics of Microsoft.Extensions.Configuration.Ini (whole-line ';' and '#'
/// comments, "[section]", "key = value" split at the first '=', values trimmed, a value in double quotes keeps
/// its inner text) plus trailing comments: whitespace followed by ';' or '#' outside quotes starts a comment,
/// as the relaybox.ini examples write "key = value   ; note".
/// </summary>
internal static class IniLineParser
{
    private const char ByteOrderMark = '\uFEFF';

    public static IniLine Parse(string text, string terminator, int number, string currentSection)
    {
        int start = 0;
        if (number == 1 && text.Length > 0 && text[0] == ByteOrderMark)
        {
            start = 1;
        }

        int first = SkipWhitespace(text, start);
        if (first == text.Length)
        {
            return Make(IniLineKind.Blank, number, text, terminator, currentSection);
        }

        char c = text[first];
        if (c is ';' or '#')
        {
            return Make(IniLineKind.Comment, number, text, terminator, currentSection);
        }

        return c == '['
            ? ParseSectionHeader(text, terminator, number, first, currentSection)
            : ParseKeyValue(text, terminator, number, first, currentSection);
    }

    private static IniLine ParseSectionHeader(string text, string terminator, int number, int open, string currentSection)
    {
        int close = text.IndexOf(']', open + 1);
        if (close < 0)
        {
            return Invalid(number, text, terminator, currentSection, "section header without a closing ']'");
        }

        string name = text[(open + 1)..close].Trim();
        if (name.Length == 0)
        {
            return Invalid(number, text, terminator, currentSection, "empty section name \"[]\"");
        }

        if (name.AsSpan().IndexOfAny('[', '=') >= 0)
        {
            return Invalid(number, text, terminator, currentSection, $"malformed section header \"{text.Trim()}\"");
        }

        int rest = SkipWhitespace(text, close + 1);
        int comment = -1;
        if (rest < text.Length)
        {
            if (text[rest] is not (';' or '#'))
            {
                return Invalid(number, text, terminator, currentSection, $"text after the section header: \"{text[rest..].Trim()}\"");
            }

            comment = rest;
        }

        return new IniLine(IniLineKind.Section, number, text, terminator, name, "", "", -1, -1, comment, null);
    }

    private static IniLine ParseKeyValue(string text, string terminator, int number, int first, string currentSection)
    {
        int equals = text.IndexOf('=', first);
        if (equals < 0)
        {
            return Invalid(number, text, terminator, currentSection, $"expected \"key = value\", \"[section]\" or a comment, found \"{text.Trim()}\"");
        }

        string key = text[first..equals].Trim();
        if (key.Length == 0)
        {
            return Invalid(number, text, terminator, currentSection, "missing key before '='");
        }

        if (key.AsSpan().IndexOfAny(" \t;#[]\"") >= 0)
        {
            return Invalid(number, text, terminator, currentSection, $"malformed key \"{key}\" (keys are single words like \"mynetworks\")");
        }

        int valueStart = SkipWhitespace(text, equals + 1);
        if (valueStart < text.Length && text[valueStart] == '"')
        {
            return ParseQuotedValue(text, terminator, number, currentSection, key, valueStart);
        }

        int comment = FindTrailingComment(text, valueStart);
        int valueEnd = comment >= 0 ? comment : text.Length;
        while (valueEnd > valueStart && char.IsWhiteSpace(text[valueEnd - 1]))
        {
            valueEnd--;
        }

        if (valueEnd == valueStart)
        {
            // An empty value sits right after "= " so that setting one later lands where a reader expects it.
            int limit = comment >= 0 ? comment : text.Length;
            int position = equals + 1;
            if (position < limit && text[position] is ' ' or '\t')
            {
                position++;
            }

            valueStart = valueEnd = position;
        }

        string value = text[valueStart..valueEnd];
        return new IniLine(IniLineKind.KeyValue, number, text, terminator, currentSection, key, value, valueStart, valueEnd, comment, null);
    }

    private static IniLine ParseQuotedValue(string text, string terminator, int number, string currentSection, string key, int openQuote)
    {
        int closeQuote = text.IndexOf('"', openQuote + 1);
        if (closeQuote < 0)
        {
            return Invalid(number, text, terminator, currentSection, $"value of \"{key}\" has an opening '\"' but no closing one");
        }

        int rest = SkipWhitespace(text, closeQuote + 1);
        int comment = -1;
        if (rest < text.Length)
        {
            if (text[rest] is not (';' or '#'))
            {
                return Invalid(number, text, terminator, currentSection, $"text after the closing '\"' of \"{key}\": \"{text[rest..].Trim()}\"");
            }

            comment = rest;
        }

        string value = text[(openQuote + 1)..closeQuote];
        return new IniLine(IniLineKind.KeyValue, number, text, terminator, currentSection, key, value, openQuote, closeQuote + 1, comment, null);
    }

    /// <summary>The first ';' or '#' that follows whitespace, from <paramref name="from"/> on; -1 if none.</summary>
    private static int FindTrailingComment(string text, int from)
    {
        for (int i = from; i < text.Length; i++)
        {
            if (text[i] is ';' or '#' && i > 0 && char.IsWhiteSpace(text[i - 1]))
            {
                return i;
            }
        }

        return -1;
    }

    private static int SkipWhitespace(string text, int from)
    {
        int i = from;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }

    private static IniLine Make(IniLineKind kind, int number, string text, string terminator, string section) =>
        new(kind, number, text, terminator, section, "", "", -1, -1, -1, null);

    private static IniLine Invalid(int number, string text, string terminator, string section, string problem) =>
        new(IniLineKind.Invalid, number, text, terminator, section, "", "", -1, -1, -1, problem);
}
