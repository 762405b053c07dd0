using System.Collections.Immutable;
using System.Text;
using Relaybox.Smtp.Storage;

namespace Relaybox.Smtp.Auth;

/// <summary>
/// The users file as an immutable value: loading gives a new database, changes give new databases,
/// saving replaces the file atomically with mode 0600. Each instance has its own
/// <see cref="VerifiedLoginCache"/>, so loading or changing users always starts with an empty cache.
/// </summary>
public sealed class UserDatabase : ICredentialStore
{
    /// <summary>A users file larger than this is refused: ~40,000 users, far beyond a small-office relay.</summary>
    public const int MaxFileBytes = 16 * 1024 * 1024;

    private readonly ImmutableSortedDictionary<string, UserRecord> _users;

    private UserDatabase(ImmutableSortedDictionary<string, UserRecord> users)
    {
        _users = users;
        Users = [.. users.Values];
    }

    public static UserDatabase Empty { get; } = new(ImmutableSortedDictionary.Create<string, UserRecord>(StringComparer.Ordinal));

    /// <summary>All users, sorted by login (ordinal).</summary>
    public IReadOnlyList<UserRecord> Users { get; }

    /// <summary>Remembers successful PLAIN/LOGIN checks against this database only.</summary>
    public VerifiedLoginCache LoginCache { get; } = new();

    public UserRecord? Find(string login) => _users.GetValueOrDefault(login);

    /// <summary>Adds the user, or replaces the user with the same login.</summary>
    public UserDatabase WithUser(UserRecord user)
    {
        if (!LoginName.TryValidate(user.Login, out string? problem))
        {
            throw new ArgumentException(problem, nameof(user));
        }

        return new UserDatabase(_users.SetItem(user.Login, user));
    }

    public UserDatabase WithoutUser(string login) => new(_users.Remove(login));

    /// <summary>Checks PLAIN/LOGIN credentials; a repeat of a verified login and password skips the key derivation.</summary>
    public SaslFailureReason VerifyPassword(string login, ReadOnlySpan<byte> password)
    {
        UserRecord? user = Find(login);
        if (user is not null && LoginCache.IsRemembered(login, password))
        {
            return SaslFailureReason.None;
        }

        SaslFailureReason result = PasswordVerifier.Verify(user, password);
        if (result == SaslFailureReason.None)
        {
            LoginCache.Remember(login, password);
        }

        return result;
    }

    /// <summary>Reads a users file; a missing file is an empty database (a fresh appliance has no users yet).</summary>
    /// <exception cref="UserFileException">A line is malformed; the exception names the line.</exception>
    public static UserDatabase Load(string path)
    {
        byte[] bytes;
        try
        {
            using var stream = File.OpenRead(path);
            if (stream.Length > MaxFileBytes)
            {
                throw new UserFileException($"file is larger than {MaxFileBytes} bytes", 1, path);
            }

            bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Empty;
        }

        if (!SaslText.TryGetUtf8(bytes, out string? text))
        {
            throw new UserFileException("file is not UTF-8 text", 1, path);
        }

        return Parse(text, path);
    }

    /// <summary>Parses users-file text; <paramref name="path"/> only labels error messages.</summary>
    public static UserDatabase Parse(string text, string? path = null)
    {
        var users = ImmutableSortedDictionary.CreateBuilder<string, UserRecord>(StringComparer.Ordinal);
        string[] lines = text.Split('\n');
        for (int index = 0; index < lines.Length; index++)
        {
            string line = lines[index].TrimEnd('\r').Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            UserRecord user = UserFileFormat.ParseLine(line, index + 1, path);
            if (!users.TryAdd(user.Login, user))
            {
                throw new UserFileException($"user {user.Login} appears twice", index + 1, path);
            }
        }

        return new UserDatabase(users.ToImmutable());
    }

    /// <summary>The file content: a short header, then one line per user in login order.</summary>
    public string Format()
    {
        var text = new StringBuilder(UserFileFormat.Header);
        foreach (UserRecord user in Users)
        {
            text.Append(UserFileFormat.FormatLine(user)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Replaces the file atomically, readable and writable by the owner only (it holds verifiers and maybe plaintext equivalents).</summary>
    public void Save(string path) => Save(path, SafeFile.Default);

    public void Save(string path, SafeFile safeFile) =>
        safeFile.WriteAllBytes(path, Encoding.UTF8.GetBytes(Format()), UnixFileMode.UserRead | UnixFileMode.UserWrite);
}
