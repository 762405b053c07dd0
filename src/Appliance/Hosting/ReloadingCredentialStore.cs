using Relaybox.Smtp.Auth;
using Serilog;

namespace Relaybox.Appliance.Hosting;

/// <summary>
/// The user file as the server sees it: reloaded when its modification time or size changes (checked at
/// most once a second, on lookup), so "relaybox user add" takes effect without a signal, as Dovecot's
/// passwd-file does. A file that fails to parse keeps the previous users and is logged once per change.
/// </summary>
public sealed class ReloadingCredentialStore : ICredentialStore
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    private readonly string path;
    private readonly TimeProvider time;
    private readonly ILogger log;
    private readonly Lock gate = new();
    private UserDatabase current;
    private (DateTime Modified, long Length) seen;
    private DateTimeOffset nextCheck;

    public ReloadingCredentialStore(string path, TimeProvider time, ILogger log)
    {
        this.path = path;
        this.time = time;
        this.log = log;
        seen = Stamp();
        current = UserDatabase.Load(path);
        nextCheck = time.GetUtcNow() + CheckInterval;
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
        var now = time.GetUtcNow();
        if (now < nextCheck)
        {
            return;
        }

        lock (gate)
        {
            if (now < nextCheck)
            {
                return;
            }

            nextCheck = now + CheckInterval;
            var stamp = Stamp();
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
