using System.Security.Cryptography;
using System.Text;

namespace Relaybox.Smtp.Tests.Auth;

/// <summary>
/// The client half of SCRAM (RFC 5802 section 3), written out independently of the server code so that
/// tests check the server against the RFC formulas rather than against itself.
/// </summary>
internal static class ScramTestClient
{
    /// <summary>Builds client-final for a server-first; returns it with the server signature the server must send.</summary>
    public static (string ClientFinal, string ExpectedServerFinal) Finish(
        HashAlgorithmName hash, string password, string clientFirstBare, string serverFirst, byte[] channelBindingInput)
    {
        var attributes = serverFirst.Split(',').ToDictionary(a => a[..1], a => a[2..]);
        byte[] salt = Convert.FromBase64String(attributes["s"]);
        int iterations = int.Parse(attributes["i"], System.Globalization.CultureInfo.InvariantCulture);
        int length = hash == HashAlgorithmName.SHA1 ? 20 : 32;

        byte[] saltedPassword = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, hash, length);
        byte[] clientKey = Hmac(hash, saltedPassword, "Client Key");
        byte[] storedKey = hash == HashAlgorithmName.SHA1 ? SHA1.HashData(clientKey) : SHA256.HashData(clientKey);
        byte[] serverKey = Hmac(hash, saltedPassword, "Server Key");

        string withoutProof = "c=" + Convert.ToBase64String(channelBindingInput) + ",r=" + attributes["r"];
        string authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] clientSignature = Hmac(hash, storedKey, authMessage);
        byte[] proof = clientKey.Zip(clientSignature, (k, s) => (byte)(k ^ s)).ToArray();
        byte[] serverSignature = Hmac(hash, serverKey, authMessage);
        return (withoutProof + ",p=" + Convert.ToBase64String(proof), "v=" + Convert.ToBase64String(serverSignature));
    }

    private static byte[] Hmac(HashAlgorithmName hash, byte[] key, string data) =>
        hash == HashAlgorithmName.SHA1 ? HMACSHA1.HashData(key, Encoding.UTF8.GetBytes(data)) : HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));
}
