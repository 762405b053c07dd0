namespace Relaybox.Appliance.Configuration.Ini;

/// <summary>Writes a value so that <see cref="IniLineParser"/> reads back exactly the same text.</summary>
public static class IniValueText
{
    public static bool TryFormat(string value, out string text, out string? problem)
    {
        text = value;
        problem = null;
        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            problem = "a value cannot span lines";
            return false;
        }

        if (!NeedsQuotes(value))
        {
            return true;
        }

        // Quoting ends at the next '"' (the Microsoft.Extensions.Configuration.Ini rule has no escapes).
        if (value.Contains('"'))
        {
            problem = "a value that needs quotes (leading or trailing spaces, or ' ;' / ' #' inside) cannot contain '\"'";
            return false;
        }

        text = "\"" + value + "\"";
        return true;
    }

    private static bool NeedsQuotes(string value)
    {
        if (value.Length == 0)
        {
            return false;
        }

        if (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]) || value[0] is '"' or ';' or '#')
        {
            return true;
        }

        for (int i = 1; i < value.Length; i++)
        {
            if (value[i] is ';' or '#' && char.IsWhiteSpace(value[i - 1]))
            {
                return true;
            }
        }

        return false;
    }
}
