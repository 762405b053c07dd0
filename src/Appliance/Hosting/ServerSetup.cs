using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Relaybox.Appliance.Configuration.Options;
using Relaybox.Smtp.Auth;
using Relaybox.Smtp.Protocol;
using Relaybox.Smtp.Relay;
using Relaybox.Smtp.Server;

namespace Relaybox.Appliance.Hosting;

/// <summary>Turns the typed configuration into the engine's option records: the one place that knows both.</summary>
public static class ServerSetup
{
    public static IReadOnlyList<SmtpListenerOptions> Listeners(ListenSection listen)
    {
        var listeners = new List<SmtpListenerOptions>();
        if (listen.Smtp is { } smtp)
        {
            listeners.Add(new SmtpListenerOptions(smtp, SmtpSessionKind.Smtp));
        }

        if (listen.Submission is { } submission)
        {
            listeners.Add(new SmtpListenerOptions(submission, SmtpSessionKind.Submission));
        }

        if (listen.Smtps is { } smtps)
        {
            listeners.Add(new SmtpListenerOptions(smtps, SmtpSessionKind.Smtps));
        }

        return listeners;
    }

    public static RelayPolicyOptions PolicyOptions(RelayboxConfig config) => new(
        config.Relay.Restrictions,
        config.Server.MyNetworks,
        [config.Server.Hostname],
        config.Relay.SenderQuota);

    public static SmtpServerSettings Settings(RelayboxConfig config, IRelayPolicy policy, ICredentialStore credentials,
        IAuthThrottle throttle, Func<X509Certificate2?> certificate)
    {
        var server = config.Server;
        var legacy = config.Legacy;
        return new SmtpServerSettings
        {
            HostName = server.Hostname,
            Limits = new SmtpLimits
            {
                MaxCommandLineLength = server.LineLengthLimit,
                MaxMessageSize = server.MessageSizeLimit,
                MaxRecipients = server.MaxRecipients,
                CommandTimeout = server.CommandTimeout,
                DataTimeout = server.DataTimeout,
                MaxSessions = server.MaxConnections,
                MaxSessionsPerAddress = server.MaxConnectionsPerIp,
                MaxErrors = server.MaxErrors,
            },
            RelayPolicy = policy,
            AuthMechanisms = config.Auth.EffectiveMechanisms.Select(ConfigWords.Mechanisms.WordFor).ToArray(),
            MechanismFactory = SaslMechanisms.Create,
            IsPlaintextMechanism = SaslMechanisms.IsPlaintext,
            Credentials = credentials,
            NoPlaintext = config.Auth.SecurityOptions.HasFlag(SaslSecurityOptions.NoPlaintext),
            AuthOnlyOverTls = config.Tls.AuthOnly,
            BrokenAuthClients = config.Auth.BrokenClients,
            AuthenticatedHeader = server.AuthenticatedHeader,
            AuthThrottle = throttle,
            CertificateSource = certificate,
            TlsProtocolsForClient = legacy.Enabled ? client => legacy.Covers(client) ? LegacyProtocols(legacy.TlsMinVersion) : null : null,
            AuthWithoutTlsForClient = legacy.Enabled && legacy.AllowPlaintextAuth ? legacy.Covers : null,
            ChannelBindingSource = ChannelBinding,
        };
    }

/// <summary>RFC 5929 data for -PLUS; none for certificate types it does not define (RSA-PSS, EdDSA).</summary>
    private static byte[] ChannelBinding(X509Certificate2 certificate)
    {
        try
        {
            return TlsServerEndPoint.Compute(certificate);
        }
        catch (NotSupportedException)
        {
            return [];
        }
    }

#pragma warning disable SYSLIB0039 // TLS 1.0/1.1 only for the named legacy devices that need them
    private static SslProtocols LegacyProtocols(TlsVersion minimum) => minimum switch
    {
        TlsVersion.Tls10 => SslProtocols.Tls | SslProtocols.Tls11 | SslProtocols.Tls12 | SslProtocols.Tls13,
        TlsVersion.Tls11 => SslProtocols.Tls11 | SslProtocols.Tls12 | SslProtocols.Tls13,
        _ => SslProtocols.Tls12 | SslProtocols.Tls13,
    };
#pragma warning restore SYSLIB0039
}
