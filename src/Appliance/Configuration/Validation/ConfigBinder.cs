using System.Net;
using Relaybox.Appliance.Configuration.Ini;
using Relaybox.Appliance.Configuration.Options;
using Relaybox.Appliance.Configuration.Schema;
using Relaybox.Appliance.Configuration.Values;
using Relaybox.Smtp.Delivery.Rewriting;

namespace Relaybox.Appliance.Configuration.Validation;

/// <summary>
/// Binds the document to <see cref="RelayboxConfig"/> explicitly, key by key (no reflection, AOT-clean). A value
/// that does not parse is reported with its line and accepted forms, and the schema default stands in for it so
/// that one run reports every bad value.
/// </summary>
internal sealed class ConfigBinder(IniDocument document, string configDirectory, List<ConfigDiagnostic> diagnostics)
{
    private delegate bool TryParser<T>(string text, out T value, out string? problem);

    public RelayboxConfig Bind()
    {
        ServerSection server = BindServer();
        RelayHostAddress? relayHost = Parse<RelayHostAddress?>(ConfigSchema.RelayHost, RelayHostValue.TryParse);
        TlsSecurityLevel? tlsLevel = ExplicitTlsLevel();
        return new RelayboxConfig(
            document.FileName,
            server,
            new ListenSection(Endpoint(ConfigSchema.ListenSmtp), Endpoint(ConfigSchema.ListenSubmission), Endpoint(ConfigSchema.ListenSmtps)),
            new TlsSection(
                DataPath(server.DataDir, ConfigSchema.TlsCert),
                DataPath(server.DataDir, ConfigSchema.TlsKey),
                Bool(ConfigSchema.TlsAuthOnly),
                IsSet(ConfigSchema.TlsCert) || IsSet(ConfigSchema.TlsKey)),
            new AuthSection(
                DataPath(server.DataDir, ConfigSchema.UsersFile),
                WordList(ConfigSchema.Mechanisms, ConfigWords.Mechanisms),
                WordList(ConfigSchema.SecurityOptions, ConfigWords.SecurityOptions).Aggregate(SaslSecurityOptions.None, (all, o) => all | o),
                Bool(ConfigSchema.BrokenClients)),
            new RelaySection(
                WordList(ConfigSchema.Restrictions, ConfigWords.Restrictions),
                relayHost,
                ResolvedTlsLevel(tlsLevel, relayHost is not null),
                Bool(ConfigSchema.TlsWrapperMode),
                OptionalPath(configDirectory, ConfigSchema.TlsCaFile),
                OptionalPath(configDirectory, ConfigSchema.SaslPasswordFile),
                Parse<IReadOnlyList<string>>(ConfigSchema.TlsFingerprint, FingerprintListValue.TryParse),
                Count(ConfigSchema.SenderQuota),
                Parse<RelayHostAddress?>(ConfigSchema.FallbackRelay, RelayHostValue.TryParse),
                ResolvedTlsLevel(tlsLevel, towardsSmarthost: true),
                Parse<IReadOnlyList<IPEndPoint>>(ConfigSchema.DnsServers, DnsServerListValue.TryParse)),
            new RewriteSection(
                Parse<string?>(ConfigSchema.Admin, MailAddressValue.TryParse),
                Parse<IReadOnlyList<string>>(ConfigSchema.LocalDomains, DomainListValue.TryParse),
                Parse<SenderRewriteMap>(ConfigSchema.SenderMap, SenderMapValue.TryParse)),
            new QueueSection(
                Duration(ConfigSchema.QueueLifetime),
                Duration(ConfigSchema.MinBackoff),
                Duration(ConfigSchema.MaxBackoff),
                Bool(ConfigSchema.Deliver),
                DurationOrOff(ConfigSchema.DelayWarning),
                DurationOrOff(ConfigSchema.StuckAlert),
                Count(ConfigSchema.MaxDeliveries),
                Count(ConfigSchema.DestinationConcurrency)),
            new LegacySection(
                Parse<IReadOnlyList<IPNetwork>>(ConfigSchema.LegacyClients, NetworkListValue.TryParse),
                Word(ConfigSchema.LegacyTlsMinVersion, ConfigWords.TlsVersions),
                Bool(ConfigSchema.LegacyPlaintextAuth)),
            document.HasSection(ConfigSchema.GpioSection) ? BindGpio() : null);
    }

    private ServerSection BindServer()
    {
        string hostname = Parse<string>(ConfigSchema.Hostname, HostNameValue.TryParse);
        string dataDir = Raw(ConfigSchema.DataDir, out IniLine? dataDirLine);
        if (!Path.IsPathFullyQualified(dataDir))
        {
            Report(ConfigSchema.DataDir, dataDirLine, $"\"{dataDir}\" is not an absolute path", "an absolute directory such as /var/lib/relaybox");
            dataDir = ConfigSchema.DataDir.Default;
        }

        return new ServerSection(
            hostname.Length == 0 ? Environment.MachineName : hostname,
            dataDir,
            Parse<IReadOnlyList<IPNetwork>>(ConfigSchema.MyNetworks, NetworkListValue.TryParse),
            Size(ConfigSchema.MessageSizeLimit),
            Count(ConfigSchema.MaxRecipients),
            Bool(ConfigSchema.AuthenticatedHeader),
            Count(ConfigSchema.MaxConnections),
            Count(ConfigSchema.MaxConnectionsPerIp),
            Count(ConfigSchema.MaxErrors),
            Count(ConfigSchema.LineLengthLimit),
            Duration(ConfigSchema.CommandTimeout),
            Duration(ConfigSchema.DataTimeout),
            Word(ConfigSchema.LogLevel, ConfigWords.LogLevels));
    }

    private GpioSection BindGpio()
    {
        string chip = Raw(ConfigSchema.GpioChip, out _);
        return new GpioSection(
            chip.Length == 0 ? null : chip,
            Parse<string?>(ConfigSchema.LedStatus, GpioLineValue.TryParse),
            Parse<string?>(ConfigSchema.LedActivity, GpioLineValue.TryParse),
            Parse<string?>(ConfigSchema.LedError, GpioLineValue.TryParse),
            Parse<string?>(ConfigSchema.Button, GpioLineValue.TryParse),
            Bool(ConfigSchema.LedsActiveLow),
            Bool(ConfigSchema.ButtonActiveLow));
    }

    /// <summary>
    /// Empty = Postfix-style automatic choice: a smarthost (relayhost or fallback_relay) holds our credential, so its
    /// identity must be verified; an arbitrary MX mostly has no verifiable certificate, so opportunistic TLS (RFC 7435).
    /// </summary>
    private static TlsSecurityLevel ResolvedTlsLevel(TlsSecurityLevel? explicitLevel, bool towardsSmarthost) =>
        explicitLevel ?? (towardsSmarthost ? TlsSecurityLevel.Secure : TlsSecurityLevel.May);

    /// <summary>tls_security_level as written; null when empty (automatic).</summary>
    private TlsSecurityLevel? ExplicitTlsLevel() =>
        Parse(ConfigSchema.TlsSecurityLevel,
            (string text, out TlsSecurityLevel? value, out string? problem) =>
            {
                value = null;
                problem = null;
                if (text.Length == 0)
                {
                    return true;
                }

                bool ok = WordListValue.TryParseWord(text, ConfigWords.TlsSecurityLevels, out TlsSecurityLevel word, out problem);
                value = word;
                return ok;
            });

    private bool Bool(ConfigKey key) => Parse<bool>(key, BoolValue.TryParse);

    private int Count(ConfigKey key) => (int)Parse(key,
        (string text, out long value, out string? problem) => CountValue.TryParse(text, key.Minimum, key.Maximum, out value, out problem));

    private long Size(ConfigKey key) => Parse(key,
        (string text, out long value, out string? problem) => SizeValue.TryParse(text, key.Minimum, key.Maximum, out value, out problem));

    private TimeSpan Duration(ConfigKey key) => Parse(key,
        (string text, out TimeSpan value, out string? problem) => DurationValue.TryParse(text, key.Minimum, key.Maximum, out value, out problem));

    /// <summary>A duration where 0 means "off" (null).</summary>
    private TimeSpan? DurationOrOff(ConfigKey key)
    {
        TimeSpan value = Duration(key);
        return value == TimeSpan.Zero ? null : value;
    }

    private IPEndPoint? Endpoint(ConfigKey key) => Parse<IPEndPoint?>(key, EndpointValue.TryParse);

    private T Word<T>(ConfigKey key, WordTable<T> words)
        where T : struct, Enum =>
        Parse(key, (string text, out T value, out string? problem) => WordListValue.TryParseWord(text, words, out value, out problem));

    private IReadOnlyList<T> WordList<T>(ConfigKey key, WordTable<T> words)
        where T : struct, Enum =>
        Parse(key, (string text, out IReadOnlyList<T> value, out string? problem) => WordListValue.TryParseList(text, words, out value, out problem));

    private string DataPath(string dataDir, ConfigKey key) => Path.GetFullPath(Path.Combine(dataDir, PathText(key)));

    private string? OptionalPath(string baseDirectory, ConfigKey key)
    {
        string text = PathText(key);
        return text.Length == 0 ? null : Path.GetFullPath(Path.Combine(baseDirectory, text));
    }

    private string PathText(ConfigKey key)
    {
        string text = Raw(key, out IniLine? line);
        if (text.Any(char.IsControl))
        {
            Report(key, line, "contains control characters", ValueForms.Describe(key));
            return key.Default;
        }

        return text;
    }

    private T Parse<T>(ConfigKey key, TryParser<T> parser)
    {
        string text = Raw(key, out IniLine? line);
        if (parser(text, out T value, out string? problem))
        {
            return value;
        }

        Report(key, line, problem ?? "is not valid", ValueForms.Describe(key));
        if (!parser(key.Default, out value, out _))
        {
            throw new InvalidOperationException($"the schema default of {key.FullName} does not parse");
        }

        return value;
    }

    private void Report(ConfigKey key, IniLine? line, string problem, string forms) =>
        diagnostics.Add(ConfigDiagnostic.Error(document.FileName, line?.Number ?? 0, $"{key.Name} in [{key.Section}]: {problem} (expected {forms})"));

    private bool IsSet(ConfigKey key) => document.Find(key.Section, key.Name) is not null;

    private string Raw(ConfigKey key, out IniLine? line)
    {
        line = document.Find(key.Section, key.Name);
        return line?.Value ?? key.Default;
    }
}
