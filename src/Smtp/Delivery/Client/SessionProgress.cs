using System.Security.Authentication;

namespace Relaybox.Smtp.Delivery.Client;

/// <summary>
/// What a session saw on its way to <see cref="SessionStep.Ready"/>, kept also when it fails: the connection test
/// tells the owner which step broke and shows the certificate the server presented. Delivery passes none.
/// </summary>
internal sealed class SessionProgress
{
    public SessionStep Step { get; set; } = SessionStep.Connect;

    /// <summary>The server's leaf certificate (DER) as the handshake presented it, trusted or not; null before TLS.</summary>
    public byte[]? PeerCertificate { get; set; }

    /// <summary>The TLS version once the handshake succeeded; <see cref="SslProtocols.None"/> otherwise.</summary>
    public SslProtocols TlsProtocol { get; set; }

    /// <summary>The server's greeting, whatever its code; null while none came.</summary>
    public UpstreamReply? Greeting { get; set; }

    /// <summary>What the last accepted EHLO offered (after STARTTLS: the one given over TLS; HELO: none); null while no hello was accepted.</summary>
    public EhloCapabilities? Capabilities { get; set; }

    /// <summary>The SASL mechanism chosen for AUTH; null when AUTH was not begun.</summary>
    public string? AuthMechanism { get; set; }
}
