namespace Relaybox.Smtp.Delivery.Rewriting;

/// <summary>
/// Which address a device's sender becomes (Postfix's sender_canonical / smtp_generic_maps, msmtp's "from").
/// Keys, tried in this order: the exact address ("scanner@printer.lan", or a bare "root"), "@domain" for every
/// sender in a domain, "*" for everyone else. Keys compare case-insensitively: devices are inconsistent about
/// case, and the map is written by the same person who owns the devices. Targets are qualified addresses
/// that the smarthost lets relaybox send as.
/// </summary>
public sealed class SenderRewriteMap
{
    /// <summary>More entries than any home or office has devices; bounds what a config file can make us hold.</summary>
    public const int MaxEntries = 4096;

    private readonly Dictionary<string, string> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _targets = new(StringComparer.OrdinalIgnoreCase);

    public SenderRewriteMap(IEnumerable<KeyValuePair<string, string>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var (key, target) in entries)
        {
            var trimmedKey = key.Trim();
            var trimmedTarget = target.Trim();
            if (trimmedKey.Length == 0 || trimmedKey == "@")
            {
                throw new ArgumentException("A sender map key must be an address, @domain or *.", nameof(entries));
            }

            int at = trimmedTarget.LastIndexOf('@');
            if (at <= 0 || at == trimmedTarget.Length - 1 || trimmedTarget.AsSpan().IndexOfAny("<>\r\n \t") >= 0)
            {
                throw new ArgumentException($"The sender map target for '{trimmedKey}' must be a plain local@domain address.", nameof(entries));
            }

            if (_entries.Count >= MaxEntries)
            {
                throw new ArgumentException($"A sender map holds at most {MaxEntries} entries.", nameof(entries));
            }

            _entries[trimmedKey.TrimEnd('.')] = trimmedTarget;
        }

        foreach (var target in _entries.Values)
        {
            _targets.Add(target);
        }
    }

    public static SenderRewriteMap Empty { get; } = new([]);

    public int Count => _entries.Count;

    /// <summary>
    /// The address <paramref name="sender"/> becomes, or null when no key matches. A target maps to itself,
    /// so a rewritten message passes a second rewrite unchanged even when "*" would catch the target.
    /// </summary>
    public string? Lookup(string sender)
    {
        ArgumentNullException.ThrowIfNull(sender);
        if (sender.Length == 0)
        {
            return null;
        }

        if (_targets.TryGetValue(sender, out var target))
        {
            return target;
        }

        if (_entries.TryGetValue(sender.TrimEnd('.'), out var exact))
        {
            return exact;
        }

        int at = sender.LastIndexOf('@');
        if (at >= 0 && _entries.TryGetValue(sender[at..].TrimEnd('.'), out var byDomain))
        {
            return byDomain;
        }

        return _entries.GetValueOrDefault("*");
    }
}
