using System.Diagnostics.CodeAnalysis;

namespace Relaybox.Smtp.Auth;

/// <summary>The crypt(3) hash formats relaybox imports, as written by Dovecot passwd-files and /etc/shadow.</summary>
public static class CryptHashFormat
{
    /// <summary>SHA-512-crypt, SHA-256-crypt, yescrypt (Debian's default since 11), bcrypt.</summary>
    public static IReadOnlyList<string> SupportedPrefixes { get; } = ["$6$", "$5$", "$y$", "$2b$"];

    /// <summary>Long enough for any of the formats above with a rounds= parameter.</summary>
    private const int MaxLength = 256;

    public static bool TryValidate(string? hash, [NotNullWhen(false)] out string? problem)
    {
        problem = null;
        if (string.IsNullOrEmpty(hash) || !SupportedPrefixes.Any(prefix => hash.StartsWith(prefix, StringComparison.Ordinal)))
        {
            problem = "a crypt hash must start with one of " + string.Join(", ", SupportedPrefixes);
        }
        else if (hash.Length > MaxLength)
        {
            problem = $"a crypt hash must be at most {MaxLength} characters";
        }
        else if (!hash.All(IsCryptCharacter))
        {
            // crypt(3) settings use the "./0-9A-Za-z" alphabet plus "$" separators and "rounds=N,": anything
            // else (notably ':' or whitespace) is a paste error and would break the user file.
            problem = "a crypt hash may contain only letters, digits and . / $ = ,";
        }

        return problem is null;
    }

    private static bool IsCryptCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '/' or '$' or '=' or ',';
}
