using Relaybox.Appliance.Configuration;
using Relaybox.Appliance.Configuration.Options;
using Relaybox.Smtp.Queue;
using Relaybox.Smtp.Storage;

namespace Relaybox.Appliance.Setup;

/// <summary>
/// Factory reset as file operations: default configuration, no users, no TLS pair (the next load generates a
/// new one), no smarthost password, no raised alerts, and every queued message on hold for the admin.
/// <para>
/// Crash-safe and idempotent: a marker (<see cref="FactoryResetMarker"/>) is written first and removed last;
/// every step is either atomic (SafeFile, rename, unlink) or checks what is already done (a backup that exists
/// is complete, because SafeFile gives it its name only once it is whole), so running <see cref="Perform"/>
/// again after a power cut at any point finishes the job with the same backups.
/// </para>
/// </summary>
public sealed class FactoryReset(IFileSystem fileSystem)
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly SafeFile safeFile = new(fileSystem);

    public static FactoryReset Default { get; } = new(PhysicalFileSystem.Instance);

    /// <summary>
    /// The plan for the box configured as <paramref name="current"/> (as loaded from <paramref name="configFile"/>, null
    /// for the demo). When an earlier reset was cut short, its start time and its backup of the configuration are
    /// used, so the plan is the one that reset made, even though the file on disk may already be the factory one.
    /// </summary>
    public static FactoryResetPlan Prepare(RelayboxConfig current, string? configFile, TimeProvider time, bool moveQueueToHold)
    {
        var pending = FactoryResetMarker.ReadStartedAt(current.Server.DataDir);
        var startedAt = pending ?? DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());
        var original = current;
        if (pending is not null && configFile is not null)
        {
            string backup = configFile + FactoryResetPlan.BackupSuffixFor(startedAt);
            if (File.Exists(backup) && ConfigLoader.Load(backup).Config is { } before)
            {
                original = before with { SourceFile = configFile };
            }
        }

        return FactoryResetPlan.For(original, configFile, startedAt, moveQueueToHold);
    }

    /// <summary>
    /// At start, before anything reads users, certificate or queue: finishes a reset that a power cut interrupted
    /// (queue included, as no manager runs yet). Null when none is pending; otherwise reload the configuration.
    /// </summary>
    public FactoryResetResult? FinishPending(RelayboxConfig current, string? configFile, TimeProvider time) =>
        FactoryResetMarker.IsPending(current.Server.DataDir)
            ? Perform(Prepare(current, configFile, time, moveQueueToHold: true))
            : null;

    /// <summary>Carries <paramref name="plan"/> out (or finishes it). Throws IOException or UnauthorizedAccessException on I/O failure; run again.</summary>
    public FactoryResetResult Perform(FactoryResetPlan plan)
    {
        var done = new List<string>();
        bool resumed = FactoryResetMarker.IsPending(plan.DataDir);
        if (resumed)
        {
            done.Add($"finishing the factory reset started at {plan.StartedAt:yyyy-MM-dd HH:mm:ss} UTC");
        }
        else
        {
            Directory.CreateDirectory(plan.DataDir, OwnerOnly | UnixFileMode.UserExecute);
            FactoryResetMarker.Write(safeFile, plan.DataDir, plan.StartedAt);
        }

        ReplaceConfiguration(plan, done);
        foreach (string users in plan.UsersFiles)
        {
            RemoveUsers(users, plan.BackupOf(users), done);
        }

        foreach (string file in plan.CertificateFiles)
        {
            if (Delete(file))
            {
                done.Add($"TLS file {file} removed: a new key and self-signed certificate are made at the next load");
            }
        }

        if (plan.RelayPasswordFile is { } secret && Delete(secret))
        {
            // A secret is not kept in a backup: a box reset to be handed on must not carry the provider password.
            done.Add($"smarthost password file {secret} removed (no copy kept)");
        }

        int held = 0;
        if (plan.MoveQueueToHold)
        {
            held = QueueHolding.HoldEverything(new QueueDirectory(plan.QueueRoot, fileSystem));
            done.Add($"queue: {held} waiting messages put on hold (relaybox queue release all, or delete all)");
        }

        if (Delete(plan.AlertsFile))
        {
            done.Add("raised alerts cleared");
        }

        if (Delete(plan.ConsolePasswordFile))
        {
            done.Add("console admin password removed");
        }

        Delete(plan.MarkerFile);
        done.Add("factory reset complete");
        return new FactoryResetResult(plan.StartedAt, resumed, done, held);
    }

    private void ReplaceConfiguration(FactoryResetPlan plan, List<string> done)
    {
        if (plan.ConfigFile is not { } config || plan.ConfigBackup is not { } backup)
        {
            done.Add("no configuration file (demo configuration): nothing to replace");
            return;
        }

        if (File.Exists(config) && !File.Exists(backup))
        {
            safeFile.WriteAllBytes(backup, File.ReadAllBytes(config), OwnerOnly);
            done.Add($"previous configuration kept as {backup}");
        }

        var mode = File.Exists(config) ? File.GetUnixFileMode(config) : OwnerOnly | UnixFileMode.GroupRead;
        safeFile.WriteAllBytes(config, System.Text.Encoding.UTF8.GetBytes(plan.FactoryConfigText), mode);
        done.Add($"configuration {config} replaced by the factory default (delivery off until set up)");
    }

    private void RemoveUsers(string users, string backup, List<string> done)
    {
        if (!File.Exists(users))
        {
            return;
        }

        // Kept (owner-only, as the users file itself) so that a reset pressed by accident can be undone by hand.
        if (!File.Exists(backup))
        {
            safeFile.WriteAllBytes(backup, File.ReadAllBytes(users), OwnerOnly);
        }

        Delete(users);
        done.Add($"users removed; the previous users file is kept as {backup}");
    }

    /// <summary>Deletes a file durably; false when it was not there.</summary>
    private bool Delete(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        fileSystem.Delete(path);
        if (Path.GetDirectoryName(path) is { Length: > 0 } directory)
        {
            fileSystem.FlushDirectory(directory);
        }

        return true;
    }
}
