using System.Diagnostics.CodeAnalysis;

namespace Relaybox.Smtp.Auth;

/// <summary>The rules a login must follow so it fits one field of the user file and one SASL identity.</summary>
public static class LoginName
{
    /// <summary>Long enough for a full e-mail local part (RFC 5321 section 4.5.3.1.1: 64 octets).</summary>
    public const int MaxLength = 64;

    public static bool TryValidate(string? login, [NotNullWhen(false)] out string? problem)
    {
        problem = login switch
        {
            null or "" => "a login must not be empty",
            { Length: > MaxLength } => $"a login must be at most {MaxLength} characters",
            _ when login.Contains(':') => "a login must not contain ':' (it separates the fields of the user file)",
            _ when login.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) => "a login must not contain spaces or control characters",
            _ when login.Any(char.IsSurrogate) && !IsWellFormed(login) => "a login must be valid Unicode text",
            _ when login[0] == '#' => "a login must not start with '#' (the user file reads such a line as a comment)",
            _ => null,
        };
        return problem is null;
    }

    private static bool IsWellFormed(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
