using Relaybox.Appliance.Configuration.Options;
using Relaybox.Smtp.Auth;

namespace Relaybox.Appliance.Cli;

/// <summary>
/// relaybox user add|del|list|passwd|import: edits the user file named by the configuration. Every change
/// replaces the file atomically (mode 0600); a running daemon notices the new file by itself.
/// </summary>
public static class UserCommands
{
    public const string Usage = """
          relaybox user add NAME [--password-stdin] [--sender ADDR]... [--messages-per-hour N]
          relaybox user passwd NAME [--password-stdin]
          relaybox user import NAME CRYPT-HASH   (a $6$/$y$/$2b$/$5$ hash from shadow or a Dovecot passwd-file)
          relaybox user del NAME
          relaybox user list
        """;

    public static int Run(IReadOnlyList<string> words, Arguments arguments, RelayboxConfig config, TextWriter output, TextWriter error)
    {
        string usersFile = config.Auth.UsersFile;
        string verb = words.Count > 0 ? words[0] : "";
        string? login = words.Count > 1 ? words[1] : null;
        if (verb != "list" && login is null)
        {
            error.WriteLine($"relaybox user {verb}: which user?\n{Usage}");
            return ExitCodes.Usage;
        }

        UserDatabase users;
        try
        {
            users = UserDatabase.Load(usersFile);
        }
        catch (Exception e) when (e is UserFileException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"relaybox: cannot read the user file: {e.Message}");
            return ExitCodes.Failure;
        }

        return verb switch
        {
            "list" => List(users, output),
            "add" => Add(users, login!, arguments, config, usersFile, output, error),
            "passwd" => ChangePassword(users, login!, arguments, config, usersFile, output, error),
            "import" => Import(users, login!, words.Count > 2 ? words[2] : null, usersFile, output, error),
            "del" or "delete" => Delete(users, login!, usersFile, output, error),
            _ => UnknownVerb(verb, error),
        };
    }

    internal static int List(UserDatabase users, TextWriter output)
    {
        foreach (var user in users.Users)
        {
            var notes = new List<string>();
            if (user.CryptHash is not null)
            {
                notes.Add("imported crypt hash (PLAIN/LOGIN only)");
            }

            if (user.PlaintextEquivalent is not null)
            {
                notes.Add("CRAM-MD5/DIGEST-MD5 secret");
            }

            if (user.AllowedSenders.Count > 0)
            {
                notes.Add("senders " + string.Join(",", user.AllowedSenders));
            }

            if (user.MessagesPerHour is { } quota)
            {
                notes.Add($"{quota} messages/hour");
            }

            output.WriteLine(notes.Count == 0 ? user.Login : $"{user.Login}  ({string.Join("; ", notes)})");
        }

        return ExitCodes.Ok;
    }

    private static int Add(UserDatabase users, string login, Arguments arguments, RelayboxConfig config, string usersFile,
        TextWriter output, TextWriter error)
    {
        if (!LoginName.TryValidate(login, out string? problem))
        {
            error.WriteLine($"relaybox: invalid user name \"{login}\": {problem}");
            return ExitCodes.Usage;
        }

        if (users.Find(login) is not null)
        {
            error.WriteLine($"relaybox: user {login} already exists; use \"relaybox user passwd {login}\" to change the password");
            return ExitCodes.Failure;
        }

        int? quota = null;
        if (arguments.Value("--messages-per-hour") is { } quotaText)
        {
            if (!int.TryParse(quotaText, out int parsed) || parsed < 0)
            {
                error.WriteLine("relaybox: --messages-per-hour takes a whole number, 0 for unlimited");
                return ExitCodes.Usage;
            }

            quota = parsed;
        }

        if (!PasswordReader.TryRead(arguments.Has("--password-stdin"), error, out string password, out string readError))
        {
            error.WriteLine("relaybox: " + readError);
            return ExitCodes.Failure;
        }

        var user = UserRecord.Create(login, password, Credentials(config));
        user = user.WithSendingRules(arguments.Values("--sender"), quota);
        return Save(users.WithUser(user), usersFile, $"user {login} added", output, error);
    }

    private static int ChangePassword(UserDatabase users, string login, Arguments arguments, RelayboxConfig config, string usersFile,
        TextWriter output, TextWriter error)
    {
        var existing = users.Find(login);
        if (existing is null)
        {
            error.WriteLine($"relaybox: no user {login}");
            return ExitCodes.Failure;
        }

        if (!PasswordReader.TryRead(arguments.Has("--password-stdin"), error, out string password, out string readError))
        {
            error.WriteLine("relaybox: " + readError);
            return ExitCodes.Failure;
        }

        var updated = existing.WithSecretsOf(UserRecord.Create(login, password, Credentials(config)));
        return Save(users.WithUser(updated), usersFile, $"password of {login} changed", output, error);
    }

    private static int Import(UserDatabase users, string login, string? hash, string usersFile, TextWriter output, TextWriter error)
    {
        if (hash is null)
        {
            error.WriteLine("relaybox user import: give the crypt(3) hash, e.g. from /etc/shadow\n" + Usage);
            return ExitCodes.Usage;
        }

        UserRecord imported;
        try
        {
            imported = UserRecord.FromCryptHash(login, hash);
        }
        catch (ArgumentException e)
        {
            error.WriteLine("relaybox: " + e.Message);
            return ExitCodes.Usage;
        }

        var existing = users.Find(login);
        var user = existing is null ? imported : existing.WithSecretsOf(imported);
        return Save(users.WithUser(user), usersFile, $"user {login} imported (PLAIN and LOGIN only)", output, error);
    }

    private static int Delete(UserDatabase users, string login, string usersFile, TextWriter output, TextWriter error)
    {
        if (users.Find(login) is null)
        {
            error.WriteLine($"relaybox: no user {login}");
            return ExitCodes.Failure;
        }

        return Save(users.WithoutUser(login), usersFile, $"user {login} deleted", output, error);
    }

    private static int UnknownVerb(string verb, TextWriter error)
    {
        error.WriteLine($"relaybox user: unknown command \"{verb}\"\n{Usage}");
        return ExitCodes.Usage;
    }

    private static int Save(UserDatabase users, string usersFile, string done, TextWriter output, TextWriter error)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(usersFile))!);
            users.Save(usersFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"relaybox: cannot write {usersFile}: {e.Message}; nothing changed");
            return ExitCodes.Failure;
        }

        output.WriteLine(done);
        return ExitCodes.Ok;
    }

    /// <summary>Which secrets to store follows the enabled mechanisms: CRAM/DIGEST need a plaintext equivalent.</summary>
    internal static CredentialOptions Credentials(RelayboxConfig config) =>
        CredentialOptions.ForMechanisms(config.Auth.Mechanisms.Select(ConfigWords.Mechanisms.WordFor));
}
