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

    public static bool TryParse(string text, out IReadOnlyList<string> domains, out string? problem) =>
        ListValueParser.TryParseEach(
            text, MaxEntries, count => $"has {count} domains; at most {MaxEntries} are allowed",
            RepeatedEntries.Refused, TryParseOne, out domains, out problem);

    /// <summary>"LAN." and "lan" are one domain: the repeat check sees the normalised name.</summary>
    private static bool TryParseOne(string entry, out string domain, out string? problem)
    {
        problem = null;
        domain = entry.TrimEnd('.').ToLowerInvariant();
        if (!HostNameValue.IsValid(domain))
        {
            problem = $"\"{entry}\" is not a domain name";
            return false;
        }

        return true;
    }
}
