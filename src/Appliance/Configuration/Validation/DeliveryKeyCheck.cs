using Relaybox.Appliance.Configuration.Ini;
using Relaybox.Appliance.Configuration.Options;
using Relaybox.Appliance.Configuration.Schema;

namespace Relaybox.Appliance.Configuration.Validation;

/// <summary>
/// The checks across the keys that decide how mail leaves: the smarthosts (relayhost, fallback_relay) and the TLS
/// and login keys they share, and the [queue] timings and limits. Part of <see cref="CrossKeyCheck"/>.
/// </summary>
internal sealed class DeliveryKeyCheck(IniDocument document, RelayboxConfig config, List<ConfigDiagnostic> diagnostics)
{
    public void Run()
    {
        CheckSmarthosts();
        CheckQueue();
    }

    private void CheckSmarthosts()
    {
        RelaySection relay = config.Relay;
        if (relay.RelayHost is { } host)
        {
            CheckSmarthostTls("relayhost", relay.TlsSecurityLevel);
            CheckWrapperMode("relayhost", host);
            if (relay.FallbackRelay is not null)
            {
                Warning(ConfigSchema.FallbackRelay, "fallback_relay is never used while relayhost is set: all mail goes to the relayhost");
            }
        }
        else if (relay.FallbackRelay is { } fallback)
        {
            CheckSmarthostTls("fallback_relay", relay.FallbackTlsSecurityLevel);
            CheckWrapperMode("fallback_relay", fallback);
        }
        else
        {
            if (relay.SaslPasswordFile is not null)
            {
                Warning(ConfigSchema.SaslPasswordFile, "sasl_password_file is only used with a relayhost or fallback_relay, and both are empty");
            }

            if (relay.TlsFingerprints.Count > 0)
            {
                Warning(ConfigSchema.TlsFingerprint, "tls_fingerprint is only used with a relayhost or fallback_relay, and both are empty");
            }
        }

        if (relay.RelayHost is null && relay.TlsSecurityLevel is TlsSecurityLevel.Verify or TlsSecurityLevel.Secure or TlsSecurityLevel.Encrypt)
        {
            Warning(ConfigSchema.TlsSecurityLevel,
                "a mandatory tls_security_level for delivery to every MX will defer mail to the many domains without (valid) TLS");
        }

        // The pins are checked against the smarthost's certificate, so the level that counts is the one towards it.
        TlsSecurityLevel pinnedLevel = relay.RelayHost is null && relay.FallbackRelay is not null
            ? relay.FallbackTlsSecurityLevel
            : relay.TlsSecurityLevel;
        if (relay.TlsFingerprints.Count > 0 && pinnedLevel is TlsSecurityLevel.None or TlsSecurityLevel.May)
        {
            Error(ConfigSchema.TlsFingerprint, "tls_fingerprint needs tls_security_level encrypt, verify or secure to be enforced");
        }
    }

    /// <summary>A smarthost is reached across the Internet and is given the account password: TLS that can be stripped is not enough.</summary>
    private void CheckSmarthostTls(string name, TlsSecurityLevel level)
    {
        bool password = config.Relay.SaslPasswordFile is not null;
        if (level == TlsSecurityLevel.None)
        {
            Warning(ConfigSchema.TlsSecurityLevel, password
                ? $"tls_security_level = none with a {name}: mail and the {name} password cross the Internet in clear"
                : $"tls_security_level = none with a {name}: mail crosses the Internet in clear");
        }
        else if (level == TlsSecurityLevel.May)
        {
            Warning(ConfigSchema.TlsSecurityLevel, password
                ? $"tls_security_level = may lets an attacker strip STARTTLS and read the {name} password: use secure"
                : $"tls_security_level = may with a {name} lets an attacker strip STARTTLS, and mail then crosses the Internet in clear: use secure");
        }
    }

    private void CheckWrapperMode(string name, RelayHostAddress host)
    {
        if (config.Relay.TlsWrapperMode && host.Port == 587)
        {
            Warning(ConfigSchema.TlsWrapperMode, $"tls_wrappermode = yes with {name} port 587: port 587 speaks STARTTLS, implicit TLS is port 465");
        }
        else if (!config.Relay.TlsWrapperMode && host.Port == 465)
        {
            Warning(ConfigSchema.TlsWrapperMode, $"{name} port 465 expects implicit TLS: set tls_wrappermode = yes");
        }
    }

    private void CheckQueue()
    {
        QueueSection queue = config.Queue;
        if (!queue.Deliver)
        {
            Note(ConfigSchema.Deliver, "delivery is off (deliver = no): accepted mail stays in the queue (relaybox queue list) and nothing is sent");
        }

        if (queue.DelayWarning is { } warning && warning >= queue.MaxLifetime)
        {
            Error(ConfigSchema.DelayWarning,
                $"delay_warning ({Written(ConfigSchema.DelayWarning)}) must be shorter than max_lifetime ({Written(ConfigSchema.QueueLifetime)}), " +
                "or the message bounces before the warning; 0 turns the warning off");
        }

        if (queue.StuckAlert is { } stuck && stuck >= queue.MaxLifetime)
        {
            Warning(ConfigSchema.StuckAlert,
                $"stuck_alert ({Written(ConfigSchema.StuckAlert)}) is not shorter than max_lifetime ({Written(ConfigSchema.QueueLifetime)}): " +
                "messages bounce before the alert is raised");
        }

        if (queue.DestinationConcurrency > queue.MaxDeliveries)
        {
            Warning(ConfigSchema.DestinationConcurrency,
                "destination_concurrency is larger than max_deliveries, which limits every destination first: it has no effect beyond max_deliveries");
        }
    }

    /// <summary>The value as the file (or the schema default) writes it, for messages that compare two keys.</summary>
    private string Written(ConfigKey key) => document.Find(key.Section, key.Name)?.Value ?? key.Default;

    private int LineOf(ConfigKey key) =>
        document.Find(key.Section, key.Name)?.Number ?? document.FindSection(key.Section)?.Number ?? 0;

    private void Error(ConfigKey key, string message) => diagnostics.Add(ConfigDiagnostic.Error(document.FileName, LineOf(key), message));

    private void Warning(ConfigKey key, string message) => diagnostics.Add(ConfigDiagnostic.Warning(document.FileName, LineOf(key), message));

    private void Note(ConfigKey key, string message) => diagnostics.Add(ConfigDiagnostic.Note(document.FileName, LineOf(key), message));
}
