namespace Relaybox.Smtp.Auth;

/// <summary>
/// What a mechanism may know about the connection it runs on.
/// <paramref name="ChannelBinding"/> is the RFC 5929 tls-server-end-point data of this TLS connection
/// (empty without TLS); the -PLUS mechanisms compare it with what the client bound to.
/// </summary>
public sealed record SaslContext(ICredentialStore Credentials, string ServerName, ReadOnlyMemory<byte> ChannelBinding)
{
    /// <summary>Source of server nonces; tests inject a fixed one to replay RFC vectors byte for byte.</summary>
    public Func<string> NonceSource { get; init; } = SaslNonce.Create;
}
