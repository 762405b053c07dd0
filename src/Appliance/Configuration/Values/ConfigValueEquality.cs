using Relaybox.Appliance.Configuration.Options;
using Relaybox.Appliance.Configuration.Schema;

namespace Relaybox.Appliance.Configuration.Values;

/// <summary>
/// Whether a written value means the same as the key's default ("yes" = "on", "300" = "5m", "a,b" = "a b"), so
/// <c>config show</c> lists only settings that change something.
/// </summary>
public static class ConfigValueEquality
{
    private delegate bool TryParser<T>(string text, out T value, out string? problem);

    public static bool SameAsDefault(ConfigKey key, string value) => Same(key, value, key.Default);

    /// <summary>As <see cref="SameAsDefault(ConfigKey, string)"/>, with data_dir-relative paths compared once resolved.</summary>
    public static bool SameAsDefault(ConfigKey key, string value, string dataDir) =>
        ConfigSchema.DataDirRelativeKeys.Contains(key)
            ? Path.GetFullPath(Path.Combine(dataDir, value)) == Path.GetFullPath(Path.Combine(dataDir, key.Default))
            : SameAsDefault(key, value);

    public static bool Same(ConfigKey key, string a, string b) => key.Type switch
    {
        ConfigValueType.Bool => Compare<bool>(a, b, BoolValue.TryParse),
        ConfigValueType.Count => Compare(a, b, (string t, out long v, out string? p) => CountValue.TryParse(t, long.MinValue, long.MaxValue, out v, out p)),
        ConfigValueType.Size => Compare(a, b, (string t, out long v, out string? p) => SizeValue.TryParse(t, 0, long.MaxValue, out v, out p)),
        ConfigValueType.Duration => Compare(a, b, (string t, out TimeSpan v, out string? p) => DurationValue.TryParse(t, 0, long.MaxValue / TimeSpan.TicksPerSecond, out v, out p)),
        ConfigValueType.Endpoint => Compare(a, b, (string t, out System.Net.IPEndPoint? v, out string? p) => EndpointValue.TryParse(t, out v, out p)),
        ConfigValueType.NetworkList => CompareLists<System.Net.IPNetwork>(a, b, NetworkListValue.TryParse),
        ConfigValueType.FingerprintList => CompareLists<string>(a, b, FingerprintListValue.TryParse),
        ConfigValueType.DnsServerList => CompareLists<System.Net.IPEndPoint>(a, b, DnsServerListValue.TryParse),
        ConfigValueType.DomainList => CompareLists<string>(a, b, DomainListValue.TryParse),
        ConfigValueType.SenderMap => CompareLists<KeyValuePair<string, string>>(a, b, SenderMapValue.TryParsePairs),
        ConfigValueType.RestrictionList => CompareWordLists(a, b, ConfigWords.Restrictions),
        ConfigValueType.MechanismList => CompareWordLists(a, b, ConfigWords.Mechanisms),
        ConfigValueType.SecurityOptionList => CompareWordLists(a, b, ConfigWords.SecurityOptions),
        ConfigValueType.TlsSecurityLevel => CompareWords(a, b, ConfigWords.TlsSecurityLevels),
        ConfigValueType.TlsVersion => CompareWords(a, b, ConfigWords.TlsVersions),
        ConfigValueType.LogLevel => CompareWords(a, b, ConfigWords.LogLevels),
        ConfigValueType.HostName or ConfigValueType.RelayHost or ConfigValueType.GpioLine =>
            string.Equals(a, b, StringComparison.OrdinalIgnoreCase),
        _ => string.Equals(a, b, StringComparison.Ordinal),
    };

    private static bool Compare<T>(string a, string b, TryParser<T> parse) =>
        parse(a, out T x, out _) && parse(b, out T y, out _) ? EqualityComparer<T>.Default.Equals(x, y) : a == b;

    private static bool CompareLists<T>(string a, string b, TryParser<IReadOnlyList<T>> parse) =>
        parse(a, out IReadOnlyList<T> x, out _) && parse(b, out IReadOnlyList<T> y, out _) ? x.SequenceEqual(y) : a == b;

    private static bool CompareWordLists<T>(string a, string b, WordTable<T> words)
        where T : struct, Enum =>
        CompareLists(a, b, (string t, out IReadOnlyList<T> v, out string? p) => WordListValue.TryParseList(t, words, out v, out p));

    private static bool CompareWords<T>(string a, string b, WordTable<T> words)
        where T : struct, Enum =>
        Compare(a, b, (string t, out T v, out string? p) => WordListValue.TryParseWord(t, words, out v, out p));
}
