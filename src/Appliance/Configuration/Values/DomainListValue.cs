namespace Relaybox.Appliance.Configuration.Values;

/// <summary>
/// Domain names (RFC 1123 host-name syntax), separated by commas or spaces; each comes out in lower case
/// without a trailing dot, so lookups compare exact strings.
/// </summary>
public static class DomainListValue
{
    /// <summary>A LAN has a name or two; the bound keeps each lookup cheap.</summary>
    public const int MaxEntries = 64;

    public const string Forms = "domain names separated by commas or spaces (e.g. lan, fritz.box, home.arpa)";

    public static bool TryParse(string text, out IReadOnlyList<string> domains, out string? problem)
    {
        domains = [];
        problem = null;
        string[] entries = ListSplitter.Split(text);
        if (entries.Length > MaxEntries)
        {
            problem = $"has {entries.Length} domains; at most {MaxEntries} are allowed";
            return false;
        }

        var result = new List<string>(entries.Length);
        foreach (string entry in entries)
        {
            string domain = entry.TrimEnd('.').ToLowerInvariant();
            if (!HostNameValue.IsValid(domain))
            {
                problem = $"\"{entry}\" is not a domain name";
                return false;
            }

            if (result.Contains(domain))
            {
                problem = $"\"{entry}\" is listed twice";
                return false;
            }

            result.Add(domain);
        }

        domains = result;
        return true;
    }
}
