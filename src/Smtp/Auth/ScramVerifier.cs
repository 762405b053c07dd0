using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;

namespace Relaybox.Smtp.Auth;

/// <summary>
/// What a SCRAM server stores instead of a password (RFC 5802 section 3): salt, iteration count,
/// StoredKey = H(ClientKey) and ServerKey. It proves a password without revealing it, and serves
/// PLAIN/LOGIN by deriving the same keys from the offered password.
/// </summary>
public sealed class ScramVerifier
{
    /// <summary>Iteration counts accepted from a user file: at least 1, at most what a small board can derive in seconds.</summary>
    public const int MaxIterations = 10_000_000;

    private ScramVerifier(ScramAlgorithm algorithm, int iterations, byte[] salt, byte[] storedKey, byte[] serverKey)
    {
        Algorithm = algorithm;
        Iterations = iterations;
        Salt = salt;
        StoredKey = storedKey;
        ServerKey = serverKey;
    }

    public ScramAlgorithm Algorithm { get; }

    public int Iterations { get; }

    public ReadOnlyMemory<byte> Salt { get; }

    public ReadOnlyMemory<byte> StoredKey { get; }

    public ReadOnlyMemory<byte> ServerKey { get; }

    /// <summary>Derives the verifier for a password with a given salt (RFC 5802 section 3).</summary>
    public static ScramVerifier Derive(ScramAlgorithm algorithm, ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, int iterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(iterations, MaxIterations);
        byte[] salted = ScramCrypto.SaltedPassword(algorithm, password, salt, iterations);
        byte[] clientKey = ScramCrypto.ClientKey(algorithm, salted);
        try
        {
            return new ScramVerifier(
                algorithm,
                iterations,
                salt.ToArray(),
                ScramCrypto.Hash(algorithm, clientKey),
                ScramCrypto.ServerKey(algorithm, salted));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(salted);
            CryptographicOperations.ZeroMemory(clientKey);
        }
    }

    /// <summary>True when <paramref name="password"/> derives this verifier's StoredKey (PLAIN and LOGIN).</summary>
    public bool Matches(ReadOnlySpan<byte> password)
    {
        byte[] salted = ScramCrypto.SaltedPassword(Algorithm, password, Salt.Span, Iterations);
        byte[] clientKey = ScramCrypto.ClientKey(Algorithm, salted);
        byte[] storedKey = ScramCrypto.Hash(Algorithm, clientKey);
        try
        {
            return CryptographicOperations.FixedTimeEquals(storedKey, StoredKey.Span);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(salted);
            CryptographicOperations.ZeroMemory(clientKey);
        }
    }

    /// <summary>The user-file form: "iterations,salt,StoredKey,ServerKey", the last three in base64.</summary>
    public string Format() => string.Join(
        ',',
        Iterations.ToString(CultureInfo.InvariantCulture),
        Convert.ToBase64String(Salt.Span),
        Convert.ToBase64String(StoredKey.Span),
        Convert.ToBase64String(ServerKey.Span));

    /// <summary>Parses <see cref="Format"/>'s output; <paramref name="error"/> says what is wrong otherwise.</summary>
    public static bool TryParse(ScramAlgorithm algorithm, string text, [NotNullWhen(true)] out ScramVerifier? verifier, [NotNullWhen(false)] out string? error)
    {
        verifier = null;
        string[] parts = text.Split(',');
        if (parts.Length != 4)
        {
            error = "expected iterations,salt,StoredKey,ServerKey";
            return false;
        }

        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int iterations) || iterations < 1 || iterations > MaxIterations)
        {
            error = $"iteration count must be a number from 1 to {MaxIterations}";
            return false;
        }

        int keyLength = ScramCrypto.HashLength(algorithm);
        if (!SaslText.TryDecodeBase64(parts[1], out byte[]? salt) || salt.Length == 0)
        {
            error = "salt is not base64";
            return false;
        }

        if (!SaslText.TryDecodeBase64(parts[2], out byte[]? storedKey) || storedKey.Length != keyLength)
        {
            error = $"StoredKey must be {keyLength} bytes of base64";
            return false;
        }

        if (!SaslText.TryDecodeBase64(parts[3], out byte[]? serverKey) || serverKey.Length != keyLength)
        {
            error = $"ServerKey must be {keyLength} bytes of base64";
            return false;
        }

        verifier = new ScramVerifier(algorithm, iterations, salt, storedKey, serverKey);
        error = null;
        return true;
    }
}
