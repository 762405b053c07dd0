namespace Relaybox.Appliance.Configuration.Schema;

/// <summary>
/// One known key. <paramref name="Default"/> is INI text, parsed by the same code as the file's values, so the
/// schema is the single source of truth for defaults. <paramref name="Minimum"/>/<paramref name="Maximum"/>
/// bound counts and sizes, and durations in seconds. <paramref name="PostfixName"/> is the main.cf parameter
/// with the same meaning, if any.
/// </summary>
public sealed record ConfigKey(
    string Section,
    string Name,
    ConfigValueType Type,
    string Default,
    string Description,
    long Minimum = 0,
    long Maximum = long.MaxValue,
    string? PostfixName = null)
{
    /// <summary>"section.key", the form <c>config show</c> prints and <c>config set</c> takes.</summary>
    public string FullName => Section + "." + Name;
}
