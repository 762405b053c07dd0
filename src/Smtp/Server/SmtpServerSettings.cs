using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Relaybox.Smtp.Auth;
using Relaybox.Smtp.Protocol;
using Relaybox.Smtp.Relay;

namespace Relaybox.Smtp.Server;

/// <summary>
/// Everything about the server that a configuration reload may change. Immutable: the server swaps the whole
/// object (<see cref="SmtpServer.UpdateSettings"/>) and each session reads the current one at every command,
/// so a reload never drops a session and never shows a session half of an old and half of a new configuration.
/// </summary>
public sealed record SmtpServerSettings
{
    /// <summary>The name in the greeting, the EHLO answer and the Received header.</summary>
    public required string HostName { get; init; }

    public SmtpLimits Limits { get; init; } = new();

    public required IRelayPolicy RelayPolicy { get; init; }

    /// <summary>SASL mechanism names in the order they are advertised, e.g. SCRAM-SHA-256 PLAIN LOGIN.</summary>
    public IReadOnlyList<string> AuthMechanisms { get; init; } = [];

    /// <summary>Makes the server side of a mechanism for one exchange; null when the name is unknown.</summary>
    public Func<string, SaslContext, SaslServerMechanism?>? MechanismFactory { get; init; }

    /// <summary>Whether a mechanism sends the password in the clear (PLAIN, LOGIN): removed by <see cref="NoPlaintext"/>.</summary>
    public Func<string, bool> IsPlaintextMechanism { get; init; } = static name => name is "PLAIN" or "LOGIN";

    public ICredentialStore? Credentials { get; init; }

    /// <summary>smtpd_sasl_security_options = noplaintext: PLAIN and LOGIN are neither offered nor accepted.</summary>
    public bool NoPlaintext { get; init; }

    /// <summary>smtpd_tls_auth_only: AUTH is offered and accepted only over TLS.</summary>
    public bool AuthOnlyOverTls { get; init; } = true;

    /// <summary>broken_sasl_auth_clients: also advertise the pre-RFC "AUTH=mech ..." line (old Outlook).</summary>
    public bool BrokenAuthClients { get; init; }

    /// <summary>smtpd_sasl_authenticated_header: put the login into the Received header.</summary>
    public bool AuthenticatedHeader { get; init; }

    public IAuthThrottle? AuthThrottle { get; init; }

    /// <summary>The server certificate, asked for at each handshake so a reload swaps it; null = no TLS.</summary>
    public Func<X509Certificate2?> CertificateSource { get; init; } = static () => null;

    /// <summary>TLS versions accepted; TLS 1.2 is the minimum by default (RFC 8996 deprecates 1.0 and 1.1).</summary>
    public SslProtocols TlsProtocols { get; init; } = SslProtocols.Tls12 | SslProtocols.Tls13;

    /// <summary>Lets an old device at a known address use other TLS versions (a per-client legacy exception).</summary>
    public Func<IPAddress, SslProtocols?>? TlsProtocolsForClient { get; init; }

    /// <summary>Lets an old device at a known address authenticate without TLS (a per-client legacy exception).</summary>
    public Func<IPAddress, bool>? AuthWithoutTlsForClient { get; init; }

    /// <summary>RFC 5929 tls-server-end-point data for a certificate, given to SASL for the -PLUS mechanisms.</summary>
    public Func<X509Certificate2, byte[]>? ChannelBindingSource { get; init; }

    /// <summary>Is a mechanism name one this server will run in the given TLS state?</summary>
    internal bool IsMechanismAllowed(string name) =>
        AuthMechanisms.Contains(name, StringComparer.OrdinalIgnoreCase) && !(NoPlaintext && IsPlaintextMechanism(name));

    internal SslServerAuthenticationOptions TlsOptions(SslStreamCertificateContext certificate, IPAddress client) => new()
    {
        ServerCertificateContext = certificate,
        EnabledSslProtocols = TlsProtocolsForClient?.Invoke(client) ?? TlsProtocols,
        ClientCertificateRequired = false,
        AllowRenegotiation = false, // a client-initiated renegotiation is a CPU cost with no use for SMTP
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
    };
}
