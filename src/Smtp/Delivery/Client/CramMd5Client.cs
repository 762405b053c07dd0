using System.Security.Cryptography;
using System.Text;

namespace Relaybox.Smtp.Delivery.Client;

/// <summary>CRAM-MD5 (RFC 2195 section 2): login SP lower-case hex of HMAC-MD5(password, challenge).</summary>
public sealed class CramMd5Client(UpstreamCredentials credentials) : SaslClientMechanism
{
    private bool _answered;

    public override string Name => "CRAM-MD5";

    public override byte[]? InitialResponse() => null;

    public override byte[]? Respond(ReadOnlySpan<byte> challenge)
    {
        if (_answered || challenge.IsEmpty)
        {
            return null;
        }

        _answered = true;
        byte[] key = Encoding.UTF8.GetBytes(credentials.Password);
        try
        {
            byte[] digest = HMACMD5.HashData(key, challenge);
            return Encoding.UTF8.GetBytes(credentials.Login + " " + Convert.ToHexStringLower(digest));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }
}
