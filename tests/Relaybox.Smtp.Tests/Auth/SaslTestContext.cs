using System.Text;
using Relaybox.Smtp.Auth;

namespace Relaybox.Smtp.Tests.Auth;

/// <summary>Builds SASL contexts over a user database with a pinned nonce, as the RFC examples need.</summary>
internal static class SaslTestContext
{
    public static SaslContext With(ICredentialStore store, string serverName = "relay.example", string nonce = "servernonce", byte[]? channelBinding = null) =>
        new(store, serverName, channelBinding ?? ReadOnlyMemory<byte>.Empty) { NonceSource = () => nonce };

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    public static string Text(byte[]? bytes) => Encoding.UTF8.GetString(bytes ?? throw new Xunit.Sdk.XunitException("expected a challenge"));

    /// <summary>A user with only a SCRAM-SHA-256 verifier (the default record) and the cheapest iteration count, for speed.</summary>
    public static UserRecord ScramUser(string login, string password) =>
        UserRecord.Create(login, password, new CredentialOptions { Iterations = 1 });

    /// <summary>A user that also holds the plaintext-equivalent secret CRAM-MD5 and DIGEST-MD5 need.</summary>
    public static UserRecord PlaintextEquivalentUser(string login, string password) =>
        UserRecord.Create(login, password, new CredentialOptions { Iterations = 1, StorePlaintextEquivalent = true });
}
