namespace Relaybox.Appliance.Configuration.Schema;

/// <summary>
/// "Did you mean" for an unknown key: an exact Postfix name first (smtpd_tls_auth_only is [tls] auth_only), then
/// the same key in the section it belongs to (relayhost written under [server]), then the nearest known key or
/// Postfix name by edit distance, across all sections (smtp_sasl_auth_enable, the tutorials' classic typo).
/// </summary>
public static class KeySuggestions
{
    private static readonly string[] PostfixPrefixes = ["smtpd_", "smtp_"];

    /// <summary>The suggestion text to append after "; ", or null when nothing is close.</summary>
    public static string? ForKey(string section, string key)
    {
        if (PostfixAliases.Find(key) is { } alias)
        {
            return Describe(section, alias.Key, alias);
        }

        if (ConfigSchema.Keys.FirstOrDefault(k => Same(k.Name, key)) is { } elsewhere)
        {
            return Describe(section, elsewhere, null);
        }

        // Same-section keys are listed first so that a tie goes to the section the user is editing.
        var names = ConfigSchema.Keys
            .OrderBy(k => Same(k.Section, section) ? 0 : 1)
            .Select(k => k.Name)
            .Concat(PostfixAliases.All.Select(a => a.PostfixName))
            .ToArray();
        string? closest = EditDistance.Closest(key, names);
        foreach (string prefix in PostfixPrefixes)
        {
            if (closest is null && key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                closest = EditDistance.Closest(key[prefix.Length..], names);
            }
        }

        if (closest is null)
        {
            return null;
        }

        if (PostfixAliases.Find(closest) is { } nearAlias && ConfigSchema.Find(section, closest) is null
            && !ConfigSchema.Keys.Any(k => Same(k.Name, closest)))
        {
            return Describe(section, nearAlias.Key, nearAlias);
        }

        ConfigKey target = ConfigSchema.Find(section, closest) ?? ConfigSchema.Keys.First(k => Same(k.Name, closest));
        return Describe(section, target, null);
    }

    /// <summary>The suggestion for an unknown section name, or null.</summary>
    public static string? ForSection(string section)
    {
        string? closest = EditDistance.Closest(section, ConfigSchema.Sections);
        if (closest is not null)
        {
            return $"did you mean [{closest}]?";
        }

        // A key written as a section header ("[relayhost]") or a Postfix name.
        if (ConfigSchema.Keys.FirstOrDefault(k => Same(k.Name, section)) is { } key)
        {
            return $"\"{key.Name}\" is a key in [{key.Section}]";
        }

        return null;
    }

    private static string Describe(string section, ConfigKey target, PostfixAlias? alias)
    {
        string where = Same(target.Section, section) ? $"\"{target.Name}\"" : $"\"{target.Name}\" in [{target.Section}]";
        string why = alias is null ? "" : alias.Note is null ? $" (Postfix {alias.PostfixName})" : $" ({alias.Note})";
        return $"did you mean {where}?{why}";
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
