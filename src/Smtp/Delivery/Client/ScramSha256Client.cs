using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Relaybox.Smtp.Auth;

namespace Relaybox.Smtp.Delivery.Client;

/// <summary>
/// The client side of SCRAM-SHA-256 (RFC 7677, RFC 5802 section 3) without channel binding (gs2 flag "n").
/// The exchange ends only when the server's "v=" ServerSignature matches: a server that knows no verifier
/// for the login cannot fake it, so a 235 without that proof is not trusted (<see cref="ServerVerified"/>).
/// </summary>
public sealed class ScramSha256Client : SaslClientMechanism
{
    /// <summary>"n,," : no channel binding, no authorization identity (RFC 5802 section 7, gs2-header).</summary>
    private const string Gs2Header = "n,,";

    private readonly UpstreamCredentials _credentials;
    private readonly string _clientNonce;
    private string? _clientFirstBare;
    private byte[]? _expectedServerSignature;
    private int _step;

    /// <param name="nonceSource">Source of the client nonce; tests pin it to replay RFC 7677 section 3.</param>
    public ScramSha256Client(UpstreamCredentials credentials, Func<string>? nonceSource = null)
    {
        _credentials = credentials;
        _clientNonce = (nonceSource ?? SaslNonce.Create)();
    }

    public override string Name => "SCRAM-SHA-256";

    public override bool ServerVerified { get => _step == 3; }

    public override byte[]? InitialResponse()
    {
        // saslname: "=" and "," are escaped as "=3D" and "=2C" (RFC 5802 section 5.1).
        string name = _credentials.Login.Replace("=", "=3D", StringComparison.Ordinal).Replace(",", "=2C", StringComparison.Ordinal);
        _clientFirstBare = "n=" + name + ",r=" + _clientNonce;
        _step = 1;
        return Encoding.UTF8.GetBytes(Gs2Header + _clientFirstBare);
    }

    public override byte[]? Respond(ReadOnlySpan<byte> challenge)
    {
        switch (_step)
        {
            case 0 when challenge.IsEmpty:
                return InitialResponse(); // RFC 4954 section 4: an empty 334 asks for the initial response
            case 1:
                return ClientFinal(challenge);
            case 2:
                return CheckServerFinal(challenge);
            default:
                return null;
        }
    }

    private byte[]? ClientFinal(ReadOnlySpan<byte> challenge)
    {
        _step = -1; // any early return below leaves the exchange failed
        string serverFirst = Encoding.UTF8.GetString(challenge);
        string? nonce = null, salt = null, iterationText = null;
        foreach (string attribute in serverFirst.Split(','))
        {
            if (attribute.StartsWith("r=", StringComparison.Ordinal))
            {
                nonce = attribute[2..];
            }
            else if (attribute.StartsWith("s=", StringComparison.Ordinal))
            {
                salt = attribute[2..];
            }
            else if (attribute.StartsWith("i=", StringComparison.Ordinal))
            {
                iterationText = attribute[2..];
            }
            else if (attribute.StartsWith("m=", StringComparison.Ordinal))
            {
                return null; // RFC 5802 section 5.1: an unknown mandatory extension ends the exchange
            }
        }

        // The combined nonce must extend ours (RFC 5802 section 5.1), else it is a replay or another exchange.
        if (nonce is null || salt is null || iterationText is null || nonce.Length <= _clientNonce.Length ||
            !nonce.StartsWith(_clientNonce, StringComparison.Ordinal) ||
            !int.TryParse(iterationText, NumberStyles.None, CultureInfo.InvariantCulture, out int iterations) ||
            iterations < 1 || iterations > ScramVerifier.MaxIterations)
        {
            return null;
        }

        byte[] saltBytes;
        try
        {
            saltBytes = Convert.FromBase64String(salt);
        }
        catch (FormatException)
        {
            return null;
        }

        string withoutProof = "c=" + Convert.ToBase64String(Encoding.ASCII.GetBytes(Gs2Header)) + ",r=" + nonce;
        byte[] authMessage = Encoding.UTF8.GetBytes(_clientFirstBare + "," + serverFirst + "," + withoutProof);
        byte[] password = Encoding.UTF8.GetBytes(_credentials.Password);
        byte[] salted = ScramCrypto.SaltedPassword(ScramAlgorithm.Sha256, password, saltBytes, iterations);
        byte[] clientKey = ScramCrypto.ClientKey(ScramAlgorithm.Sha256, salted);
        byte[] serverKey = ScramCrypto.ServerKey(ScramAlgorithm.Sha256, salted);
        try
        {
            byte[] storedKey = ScramCrypto.Hash(ScramAlgorithm.Sha256, clientKey);
            byte[] clientSignature = ScramCrypto.Hmac(ScramAlgorithm.Sha256, storedKey, authMessage);
            byte[] proof = new byte[clientKey.Length];
            for (int i = 0; i < proof.Length; i++)
            {
                proof[i] = (byte)(clientKey[i] ^ clientSignature[i]);
            }

            _expectedServerSignature = ScramCrypto.Hmac(ScramAlgorithm.Sha256, serverKey, authMessage);
            _step = 2;
            return Encoding.UTF8.GetBytes(withoutProof + ",p=" + Convert.ToBase64String(proof));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(password);
            CryptographicOperations.ZeroMemory(salted);
            CryptographicOperations.ZeroMemory(clientKey);
            CryptographicOperations.ZeroMemory(serverKey);
        }
    }

    private byte[]? CheckServerFinal(ReadOnlySpan<byte> challenge)
    {
        _step = -1;
        string serverFinal = Encoding.UTF8.GetString(challenge);
        if (!serverFinal.StartsWith("v=", StringComparison.Ordinal) || _expectedServerSignature is null)
        {
            return null; // "e=..." or garbage: the server refused or is not who it claims
        }

        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(serverFinal[2..].Split(',')[0]);
        }
        catch (FormatException)
        {
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(signature, _expectedServerSignature))
        {
            return null;
        }

        _step = 3;
        return []; // RFC 5802 section 5 / RFC 4954 section 4: an empty response acknowledges server-final
    }
}
