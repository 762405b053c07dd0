namespace Relaybox.Smtp.Delivery.Client;

/// <summary>Finds an RFC 3463 status code ("class.subject.detail") at the start of a reply text.</summary>
internal static class EnhancedStatus
{
    /// <summary>
    /// RFC 2034 section 3: the enhanced code leads the text, followed by a space. Its class must be the
    /// reply's first digit (RFC 3463 section 2); a mismatch is treated as ordinary text.
    /// </summary>
    public static string? Find(int code, string text) =>
        Leading(text) is { } status && status[0] == (char)('0' + (code / 100)) ? status : null;

    /// <summary>The "class.subject.detail" word that starts <paramref name="text"/>, whatever its class digit; null when there is none.</summary>
    public static string? Leading(string text)
    {
        int space = text.IndexOf(' ');
        string candidate = space < 0 ? text : text[..space];
        string[] parts = candidate.Split('.');
        if (parts.Length != 3 || parts[0].Length != 1 || !char.IsAsciiDigit(parts[0][0]))
        {
            return null;
        }

        // subject = 1*3digit, detail = 1*3digit (RFC 3463 section 2)
        for (int i = 1; i < 3; i++)
        {
            if (parts[i].Length is 0 or > 3 || !parts[i].All(char.IsAsciiDigit))
            {
                return null;
            }
        }

        return candidate;
    }
}
