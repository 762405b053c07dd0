using System.Text;
using Relaybox.Appliance.Cli;
using Relaybox.Appliance.Configuration.Commands;
using Relaybox.Appliance.Configuration.Options;
using Relaybox.Appliance.Control;
using Relaybox.Smtp.Auth;
using Relaybox.Smtp.Storage;

namespace Relaybox.Appliance.Console.Editing;

/// <summary>
/// Writes what a console dialog changed and makes the running daemon take it: the draft is checked as a whole
/// first (the checks of <c>relaybox config check</c>), and nothing is written when it has errors. Then each file is
/// replaced atomically, in an order where stopping between two files leaves a working box: the relayhost login
/// and the users first (nothing refers to them until the config does), the config file last (its previous
/// version kept as "file.bak"). Last, the daemon reloads through its control socket: no restart, no dropped session.
/// </summary>
public sealed class ConsoleApply(SafeFile safeFile, Func<CancellationToken, Task<ControlReply>> reloadDaemon)
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = OwnerOnly | UnixFileMode.UserExecute;

    public async Task<ApplyResult> ApplyAsync(PendingChanges changes, CancellationToken cancellationToken)
    {
        var checkedDraft = changes.Config.Check();
        if (checkedDraft.Config is not { } config)
        {
            return new ApplyResult(ApplyOutcome.NotApplied, [], checkedDraft.Diagnostics, "the settings have errors; nothing was written");
        }

        var written = new List<string>();
        try
        {
            if (changes.RelayhostLogin is { } login)
            {
                string path = config.Relay.SaslPasswordFile
                    ?? throw new InvalidOperationException("a relayhost login needs [relay] sasl_password_file in the draft");
                EnsureDirectory(path, OwnerOnlyDirectory);
                safeFile.WriteAllBytes(path, Encoding.UTF8.GetBytes($"# relayhost login, written by relaybox console\n{login.Login} {login.Password}\n"), OwnerOnly);
                written.Add($"{path}: relayhost login for {login.Login}");
            }

            if (changes.Users.Count > 0)
            {
                string path = config.Auth.UsersFile;
                var users = UserDatabase.Load(path);
                foreach (var change in changes.Users)
                {
                    users = Apply(users, change, config);
                }

                EnsureDirectory(path, OwnerOnlyDirectory);
                users.Save(path, safeFile);
                written.Add($"{path}: " + string.Join(", ", changes.Users.Select(Describe)));
            }

            if (changes.Config.HasChanges)
            {
                EnsureDirectory(changes.Config.Path, OwnerOnlyDirectory);
                ConfigSet.Replace(safeFile, changes.Config.Path, changes.Config.OriginalText, changes.Config.Text);
                written.Add($"{changes.Config.Path}: " + string.Join(", ", changes.Config.Changes.Select(c => c.Key.FullName))
                    + (changes.Config.OriginalText is null ? "" : $" (previous file kept as {changes.Config.Path}.bak)"));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or UserFileException)
        {
            string done = written.Count == 0 ? "nothing was written" : "written before that: " + string.Join("; ", written);
            return new ApplyResult(ApplyOutcome.NotApplied, written, checkedDraft.Diagnostics, $"{e.Message}; {done}");
        }

        var reply = await reloadDaemon(cancellationToken);
        return reply.Outcome switch
        {
            ControlOutcome.Ok => new ApplyResult(ApplyOutcome.AppliedAndReloaded, written, checkedDraft.Diagnostics, null),
            ControlOutcome.NotRunning => new ApplyResult(ApplyOutcome.AppliedNotRunning, written, checkedDraft.Diagnostics, null),
            _ => new ApplyResult(ApplyOutcome.AppliedReloadFailed, written, checkedDraft.Diagnostics, reply.Error ?? "no answer from relaybox"),
        };
    }

    private static UserDatabase Apply(UserDatabase users, UserChange change, RelayboxConfig config)
    {
        if (change.Password is not { } password)
        {
            return users.WithoutUser(change.Login);
        }

        var fresh = UserRecord.Create(change.Login, password, UserCommands.Credentials(config));
        return users.WithUser(users.Find(change.Login) is { } existing ? existing.WithSecretsOf(fresh) : fresh);
    }

    private static string Describe(UserChange change) => change.IsDeletion ? $"user {change.Login} deleted" : $"user {change.Login} set";

    private static void EnsureDirectory(string filePath, UnixFileMode mode)
    {
        string? directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(filePath));
        if (directory is not null && !Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, mode);
        }
    }
}
