using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Relaybox.Smtp.Auth;

/// <summary>
/// CRAM-MD5 (RFC 2195): the server sends <c>&lt;nonce.timestamp@servername&gt;</c>, the client answers
/// <c>login SP hex(HMAC-MD5(password, challenge))</c>. Needs the user's plaintext-equivalent secret.
/// </summary>
public sealed class CramMd5Mechanism(SaslContext context) : SaslServerMechanism
{
    private static readonly byte[] DecoyKey = RandomNumberGenerator.GetBytes(16);

    /// <summary>Bound on the response: a 255-octet login (as PLAIN allows), a space and 32 hex digits.</summary>
    private const int MaxResponseOctets = 255 + 1 + 32;

    private byte[]? _challenge;

    public override string Name => SaslMechanisms.CramMd5;

    public override SaslStep Start(bool hasInitialResponse, ReadOnlySpan<byte> initialResponse)
    {
        // The server speaks first in CRAM-MD5 (RFC 2195 section 2): an initial response makes no sense.
        if (hasInitialResponse && !initialResponse.IsEmpty)
        {
            return SaslStep.Fail(SaslFailureReason.MalformedResponse);
        }

        // RFC 2195 section 2: the challenge has the form of an RFC 822 msg-id, unique per exchange thanks
        // to the random nonce; the timestamp is informative.
        long seconds = context.Time.GetUtcNow().ToUnixTimeSeconds();
        string challenge = string.Create(CultureInfo.InvariantCulture, $"<{context.NonceSource()}.{seconds}@{context.ServerName}>");
        _challenge = Encoding.ASCII.GetBytes(challenge);
        return SaslStep.Continue(_challenge);
    }

    public override SaslStep Continue(ReadOnlySpan<byte> response)
    {
        byte[]? challenge = _challenge;
        _challenge = null;
        if (challenge is null || response.Length > MaxResponseOctets || !SaslText.TryGetUtf8(response, out string? text))
        {
            return SaslStep.Fail(SaslFailureReason.MalformedResponse);
        }

        // The login may itself contain spaces; the digest is everything after the last one.
        int space = text.LastIndexOf(' ');
        if (space <= 0 || !SaslText.TryDecodeHex(text.AsSpan(space + 1), MD5.HashSizeInBytes, out byte[]? digest))
        {
            return SaslStep.Fail(SaslFailureReason.MalformedResponse);
        }

        string login = text[..space];
        UserRecord? user = context.Credentials.Find(login);
        ReadOnlySpan<byte> key = user?.PlaintextEquivalent is { } secret ? secret.Span : DecoyKey;
        byte[] expected = HMACMD5.HashData(key, challenge);
        bool matches = CryptographicOperations.FixedTimeEquals(expected, digest);
        if (user is null)
        {
            return SaslStep.Fail(SaslFailureReason.InvalidCredentials);
        }

        if (user.PlaintextEquivalent is null)
        {
            return SaslStep.Fail(SaslFailureReason.CredentialsUnusable);
        }

        if (!matches)
        {
            return SaslStep.Fail(SaslFailureReason.InvalidCredentials);
        }

        AuthenticatedLogin = login;
        return SaslStep.Succeeded;
    }

    public override void Reset()
    {
        base.Reset();
        _challenge = null;
    }
}
