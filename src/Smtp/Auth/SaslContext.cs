namespace Relaybox.Smtp.Auth;

/// <summary>
/// What a mechanism may know about the connection it runs on.
/// <paramref name="ChannelBinding"/> is the RFC 5929 tls-server-end-point data of this TLS connection
/// (empty without TLS); the -PLUS mechanisms compare it with what the client bound to.
/// </summary>
public sealed record SaslContext(ICredentialStore Credentials, string ServerName, ReadOnlyMemory<byte> ChannelBinding)
{
    /// <summary>RFC 5929 tls-unique data of this connection: TLS 1.2 only, empty otherwise.</summary>
    public ReadOnlyMemory<byte> TlsUnique { get; init; }

    /// <summary>Source of server nonces; tests inject a fixed one to replay RFC vectors byte for byte.</summary>
    public Func<string> NonceSource { get; init; } = SaslNonce.Create;

    /// <summary>
    /// True when this connection's EHLO lists a -PLUS mechanism. A SCRAM client that could bind but
    /// believes the server cannot sends the gs2 flag "y"; if the server did advertise -PLUS, someone
    /// stripped it on the way, and the non-PLUS SCRAM mechanisms must refuse (RFC 5802 section 6).
    /// </summary>
    public bool PlusAdvertised { get; init; }

    /// <summary>Clock for the CRAM-MD5 challenge timestamp (RFC 2195 section 2); tests pin it.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// The service name a DIGEST-MD5 digest-uri must carry (RFC 2831 section 2.1.2: "smtp" for SMTP,
    /// RFC 2831 section 4's example is an IMAP exchange and uses "imap").
    /// </summary>
    public string DigestUriService { get; init; } = "smtp";
}
