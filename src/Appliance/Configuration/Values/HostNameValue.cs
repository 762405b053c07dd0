namespace Relaybox.Appliance.Configuration.Values;

/// <summary>A DNS host name (RFC 1123 section 2.1): labels of letters, digits and hyphens, at most 253 octets.</summary>
public static class HostNameValue
{
    public const string Forms = "a host name such as relay.home.arpa";

    public static bool IsValid(string name)
    {
        if (name.Length is 0 or > 253)
        {
            return false;
        }

        foreach (string label in name.TrimEnd('.').Split('.'))
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-'
                || !label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                return false;
            }
        }

        return true;
    }

    public static bool TryParse(string text, out string value, out string? problem)
    {
        value = text;
        problem = text.Length == 0 || IsValid(text) ? null : $"\"{text}\" is not a valid host name";
        return problem is null;
    }
}
