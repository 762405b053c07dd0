using System.Net;
using System.Net.Sockets;
using Relaybox.Appliance.Configuration.Ini;
using Relaybox.Appliance.Configuration.Options;
using Relaybox.Appliance.Configuration.Schema;
using Relaybox.Smtp.Relay;

namespace Relaybox.Appliance.Configuration.Validation;

/// <summary>
/// Checks that look at several keys together: the combinations that are valid one key at a time but open a relay,
/// leak a password, or can never work. Each finding points at the line of the key most worth changing.
/// </summary>
internal sealed class CrossKeyCheck(IniDocument document, RelayboxConfig config, List<ConfigDiagnostic> diagnostics)
{
    public void Run()
    {
        CheckListeners();
        CheckMyNetworks();
        CheckTlsPair();
        CheckMechanisms();
        CheckRestrictions();
        new DeliveryKeyCheck(document, config, diagnostics).Run();
        CheckLimits();
        CheckLegacy();
        CheckGpio();
        CheckIdentity();
    }

    private void CheckListeners()
    {
        if (!config.Listen.AnyEnabled)
        {
            Error(ConfigSchema.ListenSmtp, "no listener is enabled: set at least one of smtp, submission, smtps in [listen]");
        }

        IPEndPoint?[] endpoints = [config.Listen.Smtp, config.Listen.Submission, config.Listen.Smtps];
        var enabled = endpoints.OfType<IPEndPoint>().ToArray();
        for (int i = 0; i < enabled.Length; i++)
        {
            for (int j = i + 1; j < enabled.Length; j++)
            {
                if (enabled[i].Port == enabled[j].Port
                    && (enabled[i].Address.Equals(enabled[j].Address) || IsWildcard(enabled[i].Address) || IsWildcard(enabled[j].Address)))
                {
                    Error(ConfigSchema.ListenSubmission, $"two listeners in [listen] use port {enabled[i].Port}");
                }
            }
        }
    }

    private void CheckMyNetworks()
    {
        foreach (IPNetwork network in config.Server.MyNetworks)
        {
            if (network.PrefixLength == 0)
            {
                Error(ConfigSchema.MyNetworks, $"{network} in mynetworks lets every host on the Internet relay (open relay)");
            }
            else if (!IsPrivate(network))
            {
                Warning(ConfigSchema.MyNetworks,
                    $"{network} in mynetworks is not a loopback, private or link-local network: every host in it may relay without AUTH");
            }
        }

        foreach (IPNetwork network in config.Legacy.Clients.Where(n => n.PrefixLength == 0))
        {
            Error(ConfigSchema.LegacyClients, $"{network} in [legacy] clients gives every client the weak legacy TLS profile");
        }
    }

    private void CheckTlsPair()
    {
        bool cert = IsSet(ConfigSchema.TlsCert);
        bool key = IsSet(ConfigSchema.TlsKey);
        if (cert != key)
        {
            Error(cert ? ConfigSchema.TlsCert : ConfigSchema.TlsKey,
                cert ? "cert is set without key: set both, or neither to use the generated self-signed pair"
                     : "key is set without cert: set both, or neither to use the generated self-signed pair");
        }

        if (!config.Tls.AuthOnly)
        {
            Warning(ConfigSchema.TlsAuthOnly, "auth_only = no offers AUTH on unencrypted connections: passwords may cross the network in clear");
        }
    }

    private void CheckMechanisms()
    {
        AuthSection auth = config.Auth;
        if (auth.NeedsPlaintextEquivalentSecrets)
        {
            Warning(ConfigSchema.Mechanisms,
                "CRAM-MD5/DIGEST-MD5 need a plaintext-equivalent secret: it will be stored in the users file for every password set from now on");
        }

        bool noPlaintext = auth.SecurityOptions.HasFlag(SaslSecurityOptions.NoPlaintext);
        if (auth.Mechanisms.Count > 0 && auth.EffectiveMechanisms.Count == 0)
        {
            Error(ConfigSchema.SecurityOptions, "noplaintext refuses PLAIN and LOGIN, and mechanisms lists nothing else: no client could log in");
        }
        else if (noPlaintext && auth.Mechanisms.Count != auth.EffectiveMechanisms.Count)
        {
            Warning(ConfigSchema.Mechanisms, "PLAIN/LOGIN are listed but security_options has noplaintext: they will not be offered");
        }

        if (auth.Mechanisms.Count == 0 && (config.Listen.Submission is not null || config.Listen.Smtps is not null))
        {
            Error(ConfigSchema.Mechanisms, "mechanisms is empty but submission/smtps require AUTH: no client could send there");
        }
    }

    private void CheckRestrictions()
    {
        IReadOnlyList<RestrictionKind> list = config.Relay.Restrictions;
        int end = list.Count;
        for (int i = 0; i < list.Count; i++)
        {
            if (list[i] is RestrictionKind.Permit or RestrictionKind.Reject or RestrictionKind.RejectUnauthDestination)
            {
                end = i;
                break;
            }
        }

        // Postfix permits when the list runs out, and so does relaybox: a list that never reaches a reject is an open relay.
        if (end == list.Count || list[end] == RestrictionKind.Permit)
        {
            Error(ConfigSchema.Restrictions,
                "restrictions can permit any client to any destination (open relay): end the list with reject_unauth_destination or reject");
        }
        else if (end < list.Count - 1 && list[end] != RestrictionKind.RejectUnauthDestination)
        {
            Warning(ConfigSchema.Restrictions, $"restrictions after \"{ConfigWords.Restrictions.WordFor(list[end])}\" are never reached");
        }

        int login = IndexOf(list, RestrictionKind.RejectSenderLoginMismatch);
        int sasl = IndexOf(list, RestrictionKind.PermitSaslAuthenticated);
        if (login >= 0 && sasl >= 0 && login > sasl)
        {
            Warning(ConfigSchema.Restrictions,
                "reject_sender_login_mismatch comes after permit_sasl_authenticated, so it never applies to logged-in clients: put it first");
        }
    }

    private void CheckLimits()
    {
        ServerSection server = config.Server;
        if (server.MaxConnectionsPerIp > server.MaxConnections)
        {
            Warning(ConfigSchema.MaxConnectionsPerIp, "max_connections_per_ip is larger than max_connections and has no effect");
        }

        if (server.LineLengthLimit < 1000)
        {
            Warning(ConfigSchema.LineLengthLimit, "line_length_limit below 1000 refuses text lines RFC 5321 4.5.3.1.6 allows");
        }

        if (server.CommandTimeout < TimeSpan.FromMinutes(5))
        {
            Warning(ConfigSchema.CommandTimeout, "command_timeout below 5 minutes: RFC 5321 4.5.3.2.7 asks servers to wait at least that long");
        }

        if (config.Queue.MinBackoff > config.Queue.MaxBackoff)
        {
            Error(ConfigSchema.MinBackoff, "min_backoff is longer than max_backoff");
        }

        if (config.Queue.MaxBackoff > config.Queue.MaxLifetime)
        {
            Warning(ConfigSchema.MaxBackoff, "max_backoff is longer than max_lifetime: a message may bounce after a single retry");
        }
    }

    private void CheckLegacy()
    {
        LegacySection legacy = config.Legacy;
        if (!legacy.Enabled && legacy.AllowPlaintextAuth)
        {
            Warning(ConfigSchema.LegacyPlaintextAuth, "allow_plaintext_auth has no effect while [legacy] clients is empty");
        }

        if (legacy.Enabled && legacy.AllowPlaintextAuth)
        {
            Warning(ConfigSchema.LegacyPlaintextAuth, "legacy clients may send their password in clear on the LAN");
        }

        if (legacy.Enabled && legacy.TlsMinVersion != TlsVersion.Tls12)
        {
            Warning(ConfigSchema.LegacyTlsMinVersion,
                "OpenSSL 3 refuses TLS 1.0/1.1 handshakes at its default security level: run relaybox with " +
                "OPENSSL_CONF=/etc/relaybox/openssl-legacy.cnf (image/openssl-legacy.cnf) for these devices to connect");
        }
    }

    private void CheckGpio()
    {
        if (config.Gpio is not { } gpio)
        {
            return;
        }

        string?[] lines = [gpio.LedStatus, gpio.LedActivity, gpio.LedError, gpio.Button];
        var used = lines.OfType<string>().ToArray();
        if (used.Distinct(StringComparer.OrdinalIgnoreCase).Count() < used.Length)
        {
            Error(ConfigSchema.LedStatus, "the same GPIO line is used twice in [gpio]");
        }
    }

    private void CheckIdentity()
    {
        if (IsSet(ConfigSchema.Hostname) && !config.Server.Hostname.Contains('.'))
        {
            Warning(ConfigSchema.Hostname,
                $"hostname \"{config.Server.Hostname}\" is not fully qualified: smarthosts often refuse such a HELO (RFC 5321 4.1.1.1)");
        }

        if (config.Rewrite.Admin is null)
        {
            Warning(ConfigSchema.Admin, "[rewrite] admin is empty: mail to root or postmaster and bounces for devices have nowhere to go");
        }
    }

    private static bool IsWildcard(IPAddress address) => address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);

    private static int IndexOf(IReadOnlyList<RestrictionKind> list, RestrictionKind item)
    {
        for (int i = 0; i < list.Count; i++)
        {
            if (list[i] == item)
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsPrivate(IPNetwork network)
    {
        IPAddress first = network.BaseAddress;
        if (first.AddressFamily == AddressFamily.InterNetwork)
        {
            byte[] b = first.GetAddressBytes();
            bool loopback = b[0] == 127 && network.PrefixLength >= 8;
            bool rfc1918 = (b[0] == 10 && network.PrefixLength >= 8)
                || (b[0] == 172 && (b[1] & 0xF0) == 16 && network.PrefixLength >= 12)
                || (b[0] == 192 && b[1] == 168 && network.PrefixLength >= 16);
            bool linkLocal = b[0] == 169 && b[1] == 254 && network.PrefixLength >= 16;
            bool sharedCgnat = b[0] == 100 && (b[1] & 0xC0) == 64 && network.PrefixLength >= 10;
            return loopback || rfc1918 || linkLocal || sharedCgnat;
        }

        bool v6Loopback = first.Equals(IPAddress.IPv6Loopback) && network.PrefixLength == 128;
        bool uniqueLocal = (first.GetAddressBytes()[0] & 0xFE) == 0xFC && network.PrefixLength >= 7;
        return v6Loopback || uniqueLocal || (first.IsIPv6LinkLocal && network.PrefixLength >= 10);
    }

    private bool IsSet(ConfigKey key) => document.Find(key.Section, key.Name) is not null;

    private int LineOf(ConfigKey key) =>
        document.Find(key.Section, key.Name)?.Number ?? document.FindSection(key.Section)?.Number ?? 0;

    private void Error(ConfigKey key, string message) => diagnostics.Add(ConfigDiagnostic.Error(document.FileName, LineOf(key), message));

    private void Warning(ConfigKey key, string message) => diagnostics.Add(ConfigDiagnostic.Warning(document.FileName, LineOf(key), message));
}
