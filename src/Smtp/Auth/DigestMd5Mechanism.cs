using System.Security.Cryptography;
using System.Text;

namespace Relaybox.Smtp.Auth;

/// <summary>
/// DIGEST-MD5 (RFC 2831), authentication only (qop=auth). Historic (RFC 6331) but still spoken by some
/// devices. Steps: server digest-challenge; client digest-response; server "rspauth=..." proving it also
/// knows the secret (section 2.1.3); the client's empty reply ends the exchange. Needs the user's
/// plaintext-equivalent secret because the realm is part of what is hashed.
/// </summary>
public sealed class DigestMd5Mechanism(SaslContext context) : SaslServerMechanism
{
    /// <summary>RFC 2831 section 2.1.2: the client response MUST NOT exceed 4096 bytes.</summary>
    private const int MaxResponseOctets = 4096;

    private static readonly byte[] DecoySecret = RandomNumberGenerator.GetBytes(16);

    private enum Step
    {
        AwaitingResponse,
        AwaitingAcknowledgement,
        Done,
    }

    private Step _step = Step.Done;
    private string? _nonce;
    private string? _pendingLogin;

    public override string Name => SaslMechanisms.DigestMd5;

    public override SaslStep Start(bool hasInitialResponse, ReadOnlySpan<byte> initialResponse)
    {
        // Server-first mechanism (RFC 2831 section 2.1): no initial response (subsequent authentication is not supported).
        if (hasInitialResponse && !initialResponse.IsEmpty)
        {
            return SaslStep.Fail(SaslFailureReason.MalformedResponse);
        }

        _nonce = context.NonceSource();
        _step = Step.AwaitingResponse;

        // RFC 2831 section 2.1.1, in the order of its section 4 example. md5-sess is the only algorithm;
        // charset=utf-8 lets usernames and passwords be UTF-8.
        string challenge = $"realm=\"{Quote(context.ServerName)}\",nonce=\"{Quote(_nonce)}\",qop=\"auth\",algorithm=md5-sess,charset=utf-8";
        return SaslStep.Continue(Encoding.UTF8.GetBytes(challenge));
    }

    public override SaslStep Continue(ReadOnlySpan<byte> response)
    {
        switch (_step)
        {
            case Step.AwaitingResponse:
                return CheckResponse(response);
            case Step.AwaitingAcknowledgement when response.IsEmpty:
                AuthenticatedLogin = _pendingLogin;
                _step = Step.Done;
                return SaslStep.Succeeded;
            default:
                _step = Step.Done;
                return SaslStep.Fail(SaslFailureReason.MalformedResponse);
        }
    }

    public override void Reset()
    {
        base.Reset();
        _step = Step.Done;
        _nonce = null;
        _pendingLogin = null;
    }

    private SaslStep CheckResponse(ReadOnlySpan<byte> response)
    {
        _step = Step.Done;
        if (response.Length > MaxResponseOctets
            || !SaslText.TryGetUtf8(response, out string? text)
            || !DigestDirectives.TryParse(text, out Dictionary<string, string>? directives)
            || !TryReadResponse(directives, out DigestResponse? digest))
        {
            return SaslStep.Fail(SaslFailureReason.MalformedResponse);
        }

        // RFC 2831 section 2.1.2 "authzid": relaybox grants no proxy rights, so only the login itself.
        if (digest.AuthorizationIdentity is { Length: > 0 } authzid && authzid != digest.Username)
        {
            return SaslStep.Fail(SaslFailureReason.AuthorizationIdentityRefused);
        }

        UserRecord? user = context.Credentials.Find(digest.Username);
        ReadOnlySpan<byte> secret = user?.PlaintextEquivalent is { } stored ? stored.Span : DecoySecret;
        byte[] hashedA1 = HashA1(digest, secret);
        try
        {
            byte[] expected = Encoding.ASCII.GetBytes(ResponseValue(hashedA1, digest, "AUTHENTICATE:"));
            bool matches = CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(digest.Response.ToLowerInvariant()));
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

            // RFC 2831 section 2.1.3: rspauth is the same computation with A2 = ":" digest-uri.
            _pendingLogin = digest.Username;
            _step = Step.AwaitingAcknowledgement;
            return SaslStep.Continue(Encoding.ASCII.GetBytes("rspauth=" + ResponseValue(hashedA1, digest, ":")));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(hashedA1);
        }
    }

    private bool TryReadResponse(Dictionary<string, string> directives, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DigestResponse? digest)
    {
        digest = null;
        if (!directives.TryGetValue("username", out string? username) || username.Length == 0
            || !directives.TryGetValue("nonce", out string? nonce) || nonce != _nonce
            || !directives.TryGetValue("cnonce", out string? cnonce) || cnonce.Length == 0
            || !directives.TryGetValue("digest-uri", out string? digestUri) || !IsAcceptedDigestUri(digestUri)
            || !directives.TryGetValue("response", out string? response) || !SaslText.TryDecodeHex(response, MD5.HashSizeInBytes, out _))
        {
            return false;
        }

        // Section 2.1.2: nc counts uses of this nonce; this server allows exactly one, so it must be 1.
        if (!directives.TryGetValue("nc", out string? nonceCount) || nonceCount != "00000001")
        {
            return false;
        }

        // Only "auth" was offered; absence means "auth" (section 2.1.2 "qop-value").
        string qop = directives.GetValueOrDefault("qop", "auth");
        if (qop != "auth")
        {
            return false;
        }

        // The realm must be the one offered; absent means the empty realm (section 2.1.2 "realm").
        string realm = directives.GetValueOrDefault("realm", "");
        if (realm.Length > 0 && realm != context.ServerName)
        {
            return false;
        }

        if (directives.TryGetValue("charset", out string? charset) && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        digest = new DigestResponse(username, realm, cnonce, nonceCount, qop, digestUri, response, directives.GetValueOrDefault("authzid"));
        return true;
    }

    /// <summary>digest-uri = serv-type "/" host [ "/" serv-name ] (section 2.1.2); serv-type must be this protocol's.</summary>
    private bool IsAcceptedDigestUri(string digestUri)
    {
        int slash = digestUri.IndexOf('/');
        return slash > 0
            && slash < digestUri.Length - 1
            && digestUri.AsSpan(0, slash).Equals(context.DigestUriService, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>H(A1) with A1 = H(username ":" realm ":" password) ":" nonce ":" cnonce [ ":" authzid ] (section 2.1.2.1).</summary>
    private byte[] HashA1(DigestResponse digest, ReadOnlySpan<byte> password)
    {
        using var inner = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        inner.AppendData(Encoding.UTF8.GetBytes(digest.Username + ":" + digest.Realm + ":"));
        inner.AppendData(password);
        byte[] userRealmPassword = inner.GetHashAndReset();

        string tail = ":" + _nonce + ":" + digest.ClientNonce + (digest.AuthorizationIdentity is { Length: > 0 } authzid ? ":" + authzid : "");
        using var outer = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        outer.AppendData(userRealmPassword);
        outer.AppendData(Encoding.UTF8.GetBytes(tail));
        CryptographicOperations.ZeroMemory(userRealmPassword);
        return outer.GetHashAndReset();
    }

    /// <summary>HEX(KD(HEX(H(A1)), nonce ":" nc ":" cnonce ":" qop ":" HEX(H(A2)))) with A2 = prefix + digest-uri.</summary>
    private string ResponseValue(byte[] hashedA1, DigestResponse digest, string a2Prefix)
    {
        string hashedA2 = Hex(MD5.HashData(Encoding.UTF8.GetBytes(a2Prefix + digest.DigestUri)));
        string data = Hex(hashedA1) + ":" + _nonce + ":" + digest.NonceCount + ":" + digest.ClientNonce + ":" + digest.Qop + ":" + hashedA2;
        return Hex(MD5.HashData(Encoding.UTF8.GetBytes(data)));
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    private static string Quote(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"");

    private sealed record DigestResponse(
        string Username, string Realm, string ClientNonce, string NonceCount, string Qop, string DigestUri, string Response, string? AuthorizationIdentity);
}
