using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Relaybox.Smtp.Auth;

/// <summary>
/// The server side of SCRAM (RFC 5802), shared by SCRAM-SHA-1, SCRAM-SHA-256 and SCRAM-SHA-256-PLUS.
/// Steps: client-first, server-first (salt, iterations, combined nonce), client-final with the proof,
/// server-final "v=..." sent as a challenge, then the client's empty reply completes the exchange.
/// </summary>
public abstract class ScramMechanism : SaslServerMechanism
{
    /// <summary>Bound on a client message: logins and nonces are short; 4 KB leaves room for extensions.</summary>
    private const int MaxMessageOctets = 4096;

    /// <summary>RFC 5929 section 4 channel-binding type: the server certificate's hash, any TLS version.</summary>
    private const string ServerEndPointBinding = "tls-server-end-point";

    /// <summary>
    /// RFC 5929 section 3 channel-binding type: the first Finished message of a TLS 1.2 handshake. GNU SASL
    /// (gsasl, msmtp) binds with it on TLS 1.2; RFC 9266 forbids it on TLS 1.3, where the server has none.
    /// </summary>
    private const string UniqueBinding = "tls-unique";

    private readonly SaslContext _context;
    private readonly ScramAlgorithm _algorithm;
    private readonly bool _bindsChannel;

    private enum Step
    {
        AwaitingClientFirst,
        AwaitingClientFinal,
        AwaitingAcknowledgement,
        Done,
    }

    private Step _step = Step.AwaitingClientFirst;
    private string? _login;
    private string? _clientFirstBare;
    private string? _serverFirst;
    private string? _combinedNonce;
    private byte[]? _expectedBinding;
    private byte[]? _storedKey;
    private byte[]? _serverKey;
    private SaslFailureReason _decoyReason;

    private protected ScramMechanism(SaslContext context, ScramAlgorithm algorithm, bool bindsChannel)
    {
        _context = context;
        _algorithm = algorithm;
        _bindsChannel = bindsChannel;
    }

    public override SaslStep Start(bool hasInitialResponse, ReadOnlySpan<byte> initialResponse) =>
        hasInitialResponse && !initialResponse.IsEmpty ? Continue(initialResponse) : SaslStep.Continue([]);

    public override SaslStep Continue(ReadOnlySpan<byte> response)
    {
        Step step = _step;
        _step = Step.Done;
        if (step == Step.AwaitingAcknowledgement)
        {
            // RFC 5802 section 5: after server-final the client has nothing more to say.
            if (!response.IsEmpty)
            {
                return SaslStep.Fail(SaslFailureReason.MalformedResponse);
            }

            AuthenticatedLogin = _login;
            return SaslStep.Succeeded;
        }

        if (step == Step.Done || response.Length > MaxMessageOctets || !SaslText.TryGetUtf8(response, out string? message))
        {
            return SaslStep.Fail(SaslFailureReason.MalformedResponse);
        }

        return step == Step.AwaitingClientFirst ? ReadClientFirst(message) : ReadClientFinal(message);
    }

    public override void Reset()
    {
        base.Reset();
        _step = Step.AwaitingClientFirst;
        _login = _clientFirstBare = _serverFirst = _combinedNonce = null;
        Forget(ref _expectedBinding);
        Forget(ref _storedKey);
        Forget(ref _serverKey);
        _decoyReason = SaslFailureReason.None;
    }

    private SaslStep ReadClientFirst(string message)
    {
        // gs2-header = gs2-cbind-flag "," [ authzid ] "," (RFC 5802 section 7).
        int firstComma = message.IndexOf(',');
        int secondComma = firstComma < 0 ? -1 : message.IndexOf(',', firstComma + 1);
        if (secondComma < 0)
        {
            return SaslStep.Fail(SaslFailureReason.MalformedResponse);
        }

        string bindingFlag = message[..firstComma];
        string authzidField = message[(firstComma + 1)..secondComma];
        string gs2Header = message[..(secondComma + 1)];
        string bare = message[(secondComma + 1)..];

        SaslFailureReason bindingProblem = CheckBindingFlag(bindingFlag);
        if (bindingProblem != SaslFailureReason.None)
        {
            return SaslStep.Fail(bindingProblem);
        }

        // client-first-message-bare = [reserved-mext ","] username "," nonce ["," extensions]; a mandatory
        // extension ("m=") is one this server cannot honour (section 5.1).
        string[] attributes = bare.Split(',');
        if (attributes.Length < 2
            || !attributes[0].StartsWith("n=", StringComparison.Ordinal)
            || !attributes[1].StartsWith("r=", StringComparison.Ordinal)
            || !TryDecodeSaslName(attributes[0][2..], out string? login)
            || !IsValidNonce(attributes[1].AsSpan(2)))
        {
            return SaslStep.Fail(SaslFailureReason.MalformedResponse);
        }

        string? authzid = null;
        if (authzidField.Length > 0
            && (!authzidField.StartsWith("a=", StringComparison.Ordinal) || !TryDecodeSaslName(authzidField[2..], out authzid)))
        {
            return SaslStep.Fail(SaslFailureReason.MalformedResponse);
        }

        if (authzid is not null && authzid != login)
        {
            return SaslStep.Fail(SaslFailureReason.AuthorizationIdentityRefused);
        }

        ChooseVerifier(login, out byte[] salt, out int iterations);
        _login = login;
        _clientFirstBare = bare;
        _combinedNonce = attributes[1][2..] + _context.NonceSource();
        _serverFirst = string.Create(
            CultureInfo.InvariantCulture, $"r={_combinedNonce},s={Convert.ToBase64String(salt)},i={iterations}");
        _expectedBinding = [.. Encoding.UTF8.GetBytes(gs2Header), .. BindingData(bindingFlag).Span];
        _step = Step.AwaitingClientFinal;
        return SaslStep.Continue(Encoding.UTF8.GetBytes(_serverFirst));
    }

    /// <summary>RFC 5802 section 6: what the gs2-cbind-flag may be for this mechanism on this connection.</summary>
    private SaslFailureReason CheckBindingFlag(string flag)
    {
        if (_bindsChannel)
        {
            // A -PLUS mechanism binds to this TLS connection or not at all.
            return BindingData(flag).IsEmpty ? SaslFailureReason.ChannelBindingMismatch : SaslFailureReason.None;
        }

        return flag switch
        {
            "n" => SaslFailureReason.None,
            // "y": the client supports binding but thinks the server does not. If -PLUS was advertised,
            // someone removed it from the EHLO on the way: a downgrade, so refuse.
            "y" => _context.PlusAdvertised ? SaslFailureReason.ChannelBindingMismatch : SaslFailureReason.None,
            // "p=..." asks for binding on a mechanism without it: the client must pick the -PLUS name.
            _ => SaslFailureReason.MalformedResponse,
        };
    }

    /// <summary>This connection's data for the binding type a "p=" flag names; empty when it has none.</summary>
    private ReadOnlyMemory<byte> BindingData(string flag) => !_bindsChannel ? ReadOnlyMemory<byte>.Empty : flag switch
    {
        "p=" + ServerEndPointBinding => _context.ChannelBinding,
        "p=" + UniqueBinding => _context.TlsUnique,
        _ => ReadOnlyMemory<byte>.Empty,
    };

    private void ChooseVerifier(string login, out byte[] salt, out int iterations)
    {
        UserRecord? user = _context.Credentials.Find(login);
        ScramVerifier? verifier = _algorithm == ScramAlgorithm.Sha1 ? user?.ScramSha1 : user?.ScramSha256;
        if (verifier is null)
        {
            // Carry on with a plausible server-first; fail only at the proof, for the same reason a
            // wrong password would (or "unusable" when the user exists without this verifier).
            _decoyReason = user is null ? SaslFailureReason.InvalidCredentials : SaslFailureReason.CredentialsUnusable;
            salt = ScramDecoy.Salt(_algorithm, login);
            iterations = CredentialOptions.DefaultIterations;
            return;
        }

        _decoyReason = SaslFailureReason.None;
        salt = verifier.Salt.ToArray();
        iterations = verifier.Iterations;
        _storedKey = verifier.StoredKey.ToArray();
        _serverKey = verifier.ServerKey.ToArray();
    }

    private SaslStep ReadClientFinal(string message)
    {
        // client-final-message = channel-binding "," nonce ["," extensions] "," proof (section 7);
        // the proof is last, and AuthMessage covers everything before it.
        int proofStart = message.LastIndexOf(",p=", StringComparison.Ordinal);
        if (proofStart < 0)
        {
            return SaslStep.Fail(SaslFailureReason.MalformedResponse);
        }

        string withoutProof = message[..proofStart];
        string[] attributes = withoutProof.Split(',');
        if (attributes.Length < 2
            || !attributes[0].StartsWith("c=", StringComparison.Ordinal)
            || !attributes[1].StartsWith("r=", StringComparison.Ordinal)
            || !SaslText.TryDecodeBase64(attributes[0].AsSpan(2), out byte[]? binding)
            || !SaslText.TryDecodeBase64(message.AsSpan(proofStart + 3), out byte[]? proof)
            || proof.Length != ScramCrypto.HashLength(_algorithm))
        {
            return SaslStep.Fail(SaslFailureReason.MalformedResponse);
        }

        // The combined nonce must come back unchanged (section 5.1 "r").
        if (attributes[1][2..] != _combinedNonce)
        {
            return SaslStep.Fail(SaslFailureReason.MalformedResponse);
        }

        // "c=" repeats the gs2 header plus, for -PLUS, this connection's binding data (section 5.1 "c").
        if (!CryptographicOperations.FixedTimeEquals(binding, _expectedBinding))
        {
            return SaslStep.Fail(_bindsChannel ? SaslFailureReason.ChannelBindingMismatch : SaslFailureReason.MalformedResponse);
        }

        if (_decoyReason != SaslFailureReason.None || _storedKey is null || _serverKey is null)
        {
            return SaslStep.Fail(_decoyReason == SaslFailureReason.None ? SaslFailureReason.InvalidCredentials : _decoyReason);
        }

        byte[] authMessage = Encoding.UTF8.GetBytes(_clientFirstBare + "," + _serverFirst + "," + withoutProof);

        // ClientKey = ClientProof XOR HMAC(StoredKey, AuthMessage); the client knew the password when
        // H(ClientKey) equals StoredKey (section 3).
        byte[] clientKey = ScramCrypto.Hmac(_algorithm, _storedKey, authMessage);
        for (int i = 0; i < clientKey.Length; i++)
        {
            clientKey[i] ^= proof[i];
        }

        bool proven = CryptographicOperations.FixedTimeEquals(ScramCrypto.Hash(_algorithm, clientKey), _storedKey);
        CryptographicOperations.ZeroMemory(clientKey);
        if (!proven)
        {
            return SaslStep.Fail(SaslFailureReason.InvalidCredentials);
        }

        byte[] serverSignature = ScramCrypto.Hmac(_algorithm, _serverKey, authMessage);
        _step = Step.AwaitingAcknowledgement;
        return SaslStep.Continue(Encoding.ASCII.GetBytes("v=" + Convert.ToBase64String(serverSignature)));
    }

    /// <summary>saslname: "=2C" stands for ',' and "=3D" for '='; any other '=' is malformed (section 5.1 "n").</summary>
    private static bool TryDecodeSaslName(string encoded, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? name)
    {
        name = null;
        var decoded = new StringBuilder(encoded.Length);
        for (int i = 0; i < encoded.Length; i++)
        {
            if (encoded[i] != '=')
            {
                decoded.Append(encoded[i]);
            }
            else if (string.CompareOrdinal(encoded, i, "=2C", 0, 3) == 0)
            {
                decoded.Append(',');
                i += 2;
            }
            else if (string.CompareOrdinal(encoded, i, "=3D", 0, 3) == 0)
            {
                decoded.Append('=');
                i += 2;
            }
            else
            {
                return false;
            }
        }

        name = decoded.ToString();
        return name.Length > 0;
    }

    /// <summary>c-nonce: printable ASCII except ',' (section 7 "printable").</summary>
    private static bool IsValidNonce(ReadOnlySpan<char> nonce)
    {
        if (nonce.IsEmpty)
        {
            return false;
        }

        foreach (char c in nonce)
        {
            if (c is < '!' or > '~' or ',')
            {
                return false;
            }
        }

        return true;
    }

    private static void Forget(ref byte[]? secret)
    {
        if (secret is not null)
        {
            CryptographicOperations.ZeroMemory(secret);
            secret = null;
        }
    }
}
