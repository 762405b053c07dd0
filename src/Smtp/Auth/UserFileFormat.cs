using System.Globalization;
using System.Text;

namespace Relaybox.Smtp.Auth;

/// <summary>
/// One line of the user file per user: <c>login:field=value:field=value...</c>. Fields:
/// <c>scram-sha-256</c> and <c>scram-sha-1</c> (iterations,salt,StoredKey,ServerKey in base64),
/// <c>plain-equivalent</c> (base64), <c>crypt</c> (a crypt(3) hash), <c>senders</c> (comma-separated
/// addresses or @domains), <c>messages-per-hour</c>. Text so an operator can read and diff it;
/// ':' never occurs inside a value (logins, base64, crypt hashes and addresses are checked for it).
/// </summary>
internal static class UserFileFormat
{
    public const string ScramSha256Field = "scram-sha-256";
    public const string ScramSha1Field = "scram-sha-1";
    public const string PlaintextEquivalentField = "plain-equivalent";
    public const string CryptField = "crypt";
    public const string SendersField = "senders";
    public const string MessagesPerHourField = "messages-per-hour";

    public const string Header =
        "# relaybox users: one per line, login:field=value:...\n" +
        "# scram-sha-256/scram-sha-1 = iterations,salt,StoredKey,ServerKey (RFC 5802 verifiers, base64)\n" +
        "# plain-equivalent = base64 password for CRAM-MD5/DIGEST-MD5; crypt = imported crypt(3) hash (PLAIN/LOGIN)\n" +
        "# senders = addresses or @domains this login may send as; messages-per-hour = sending quota\n";

    public static string FormatLine(UserRecord user)
    {
        var line = new StringBuilder(user.Login);
        if (user.ScramSha256 is { } sha256)
        {
            Append(line, ScramSha256Field, sha256.Format());
        }

        if (user.ScramSha1 is { } sha1)
        {
            Append(line, ScramSha1Field, sha1.Format());
        }

        if (user.PlaintextEquivalent is { } secret)
        {
            Append(line, PlaintextEquivalentField, Convert.ToBase64String(secret.Span));
        }

        if (user.CryptHash is { } hash)
        {
            Append(line, CryptField, hash);
        }

        if (user.AllowedSenders.Count > 0)
        {
            Append(line, SendersField, string.Join(',', user.AllowedSenders));
        }

        if (user.MessagesPerHour is { } quota)
        {
            Append(line, MessagesPerHourField, quota.ToString(CultureInfo.InvariantCulture));
        }

        return line.ToString();
    }

    /// <summary>Parses one non-comment line; throws <see cref="UserFileException"/> with the line number.</summary>
    public static UserRecord ParseLine(string line, int lineNumber, string? path)
    {
        string[] fields = line.Split(':');
        string login = fields[0];
        if (!LoginName.TryValidate(login, out string? loginProblem))
        {
            throw new UserFileException(loginProblem, lineNumber, path);
        }

        ScramVerifier? sha256 = null, sha1 = null;
        byte[]? plaintextEquivalent = null;
        string? cryptHash = null;
        string[]? senders = null;
        int? messagesPerHour = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int position = 1; position < fields.Length; position++)
        {
            string field = fields[position];
            int equals = field.IndexOf('=');
            if (equals <= 0)
            {
                // Counted, not quoted: a field without a name may be a pasted secret.
                throw new UserFileException($"field {position + 1} of user {login} is not name=value", lineNumber, path);
            }

            string name = field[..equals];
            string value = field[(equals + 1)..];
            if (!seen.Add(name))
            {
                throw new UserFileException($"field {name} appears twice for user {login}", lineNumber, path);
            }

            string? problem = null;
            switch (name)
            {
                case ScramSha256Field:
                    _ = ScramVerifier.TryParse(ScramAlgorithm.Sha256, value, out sha256, out problem);
                    break;
                case ScramSha1Field:
                    _ = ScramVerifier.TryParse(ScramAlgorithm.Sha1, value, out sha1, out problem);
                    break;
                case PlaintextEquivalentField:
                    if (!SaslText.TryDecodeBase64(value, out plaintextEquivalent) || plaintextEquivalent.Length == 0)
                    {
                        problem = "is not base64";
                    }

                    break;
                case CryptField:
                    _ = CryptHashFormat.TryValidate(value, out problem);
                    cryptHash = value;
                    break;
                case SendersField:
                    senders = ParseSenders(value, out problem);
                    break;
                case MessagesPerHourField:
                    if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int quota))
                    {
                        messagesPerHour = quota;
                    }
                    else
                    {
                        problem = "must be a whole number";
                    }

                    break;
                default:
                    throw new UserFileException($"unknown field {Shorten(name)} for user {login}", lineNumber, path);
            }

            if (problem is not null)
            {
                throw new UserFileException($"{name} of user {login}: {problem}", lineNumber, path);
            }
        }

        var user = new UserRecord
        {
            Login = login,
            ScramSha256 = sha256,
            ScramSha1 = sha1,
            PlaintextEquivalent = plaintextEquivalent is null ? (ReadOnlyMemory<byte>?)null : new ReadOnlyMemory<byte>(plaintextEquivalent),
            CryptHash = cryptHash,
            AllowedSenders = senders ?? [],
            MessagesPerHour = messagesPerHour,
        };
        if (!user.HasAnySecret)
        {
            throw new UserFileException($"user {login} has no secret (scram-sha-256, scram-sha-1, plain-equivalent or crypt)", lineNumber, path);
        }

        return user;
    }

    private static string[] ParseSenders(string value, out string? problem)
    {
        string[] senders = value.Split(',');
        problem = senders.Any(s => s.Length == 0 || s.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) || !s.Contains('@'))
            ? "must be addresses or @domains separated by commas"
            : null;
        return senders;
    }

    private static void Append(StringBuilder line, string name, string value) => line.Append(':').Append(name).Append('=').Append(value);

    /// <summary>Error messages quote what was found, but never a whole line that may hold a secret.</summary>
    private static string Shorten(string text) => text.Length <= 24 ? text : text[..24] + "...";
}
