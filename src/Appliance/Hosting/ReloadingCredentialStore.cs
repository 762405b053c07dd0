using Relaybox.Smtp.Auth;
using Serilog;

namespace Relaybox.Appliance.Hosting;

/// <summary>
/// The user file as the server sees it: reloaded when its modification time or size changes (one stat(2)
/// per lookup, microseconds beside a TLS handshake), so "relaybox user add" takes effect at once without a
/// signal, as Dovecot's passwd-file does. A file that fails to parse keeps the previous users and is logged
/// once per change.
/// </summary>
public sealed class ReloadingCredentialStore : ICredentialStore
{
    private readonly string path;
    private readonly ILogger log;
    private readonly Lock gate = new();
    private UserDatabase current;
    private (DateTime Modified, long Length) seen;

    public ReloadingCredentialStore(string path, ILogger log)
    {
        this.path = path;
        this.log = log;
        seen = Stamp();
        current = UserDatabase.Load(path);
    }

    public string Path => path;

    public int Count => current.Users.Count;

    public UserRecord? Find(string login)
    {
        RefreshIfChanged();
        return current.Find(login);
    }

    /// <summary>Delegates to the current database, so its verified-login cache serves repeat logins.</summary>
    public SaslFailureReason VerifyPassword(string login, ReadOnlySpan<byte> password)
    {
        RefreshIfChanged();
        return current.VerifyPassword(login, password);
    }

    /// <summary>Re-reads the file now (SIGHUP); throws when it does not parse, keeping the old users.</summary>
    public void Reload()
    {
        lock (gate)
        {
            var stamp = Stamp();
            current = UserDatabase.Load(path);
            seen = stamp;
        }
    }

    private void RefreshIfChanged()
    {
        var stamp = Stamp();
        lock (gate)
        {
            if (stamp == seen)
            {
                return;
            }

            seen = stamp;
            try
            {
                current = UserDatabase.Load(path);
                log.Information("users reloaded from {UsersFile}: {UserCount} users", path, current.Users.Count);
            }
            catch (Exception e) when (e is UserFileException or IOException)
            {
                log.Error("users file {UsersFile} not reloaded, keeping the previous users: {Reason}", path, e.Message);
            }
        }
    }

    private (DateTime, long) Stamp()
    {
        var info = new FileInfo(path);
        return info.Exists ? (info.LastWriteTimeUtc, info.Length) : (DateTime.MinValue, -1);
    }
}
