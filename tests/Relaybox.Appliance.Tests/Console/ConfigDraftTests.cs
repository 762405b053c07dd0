using Relaybox.Appliance.Configuration.Schema;
using Relaybox.Appliance.Console.Editing;
using Relaybox.Appliance.Control;
using Relaybox.Smtp.Auth;
using Relaybox.Smtp.Delivery.Client;
using Relaybox.Smtp.Storage;

namespace Relaybox.Appliance.Tests.Console;

public sealed class ConfigDraftTests : IDisposable
{
    private readonly ConsoleBox box = new();

    public void Dispose() => box.Dispose();

    [Fact]
    public void AValueIsCheckedByTheConfigChecker()
    {
        var draft = ConfigDraft.Load(box.ConfigFile);

        Assert.NotNull(draft.ProblemWith(ConfigSchema.MyNetworks, "192.168.1.0/33"));
        Assert.NotNull(draft.ProblemWith(ConfigSchema.Admin, "no at sign"));
        Assert.Null(draft.ProblemWith(ConfigSchema.Admin, "owner@example.net"));
        Assert.False(draft.HasChanges);
    }

    [Fact]
    public void ChangesKeepTheOwnersComments()
    {
        File.AppendAllText(box.ConfigFile, "\n[rewrite]\n; who gets the alerts\nadmin = old@example.net ; the owner\n");
        var draft = ConfigDraft.Load(box.ConfigFile);

        draft.Set(ConfigSchema.Admin, "new@example.net");

        Assert.Contains("; who gets the alerts", draft.Text);
        Assert.Contains("admin = new@example.net ; the owner", draft.Text);
        Assert.Equal("new@example.net", draft.Value(ConfigSchema.Admin));
    }

    [Fact]
    public void AMissingFileIsAnEmptyDraftWithTheDefaults()
    {
        File.Delete(box.ConfigFile);

        var draft = ConfigDraft.Load(box.ConfigFile);

        Assert.Null(draft.OriginalText);
        Assert.Equal(ConfigSchema.MyNetworks.Default, draft.Value(ConfigSchema.MyNetworks));
    }

    [Fact]
    public async Task ApplyWritesTheLoginFileOwnerOnlyTheUsersAndTheConfigWithABackup()
    {
        string before = box.ConfigText;
        var changes = new PendingChanges(ConfigDraft.Load(box.ConfigFile));
        string secret = Path.Combine(box.Root, "etc", "relayhost.secret");
        changes.Config.Set(ConfigSchema.RelayHost, "[smtp.example.net]:587");
        changes.Config.Set(ConfigSchema.SaslPasswordFile, secret);
        changes.RelayhostLogin = new UpstreamCredentials("me@example.net", "app password with spaces");
        changes.SetUser("printer", "printer-password");
        int reloads = 0;

        var result = await new ConsoleApply(SafeFile.Default, _ =>
        {
            reloads++;
            return Task.FromResult(new ControlReply(ControlOutcome.Ok, []));
        }).ApplyAsync(changes, CancellationToken.None);

        Assert.Equal(ApplyOutcome.AppliedAndReloaded, result.Outcome);
        Assert.Equal(1, reloads);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secret));
        Assert.Equal(new UpstreamCredentials("me@example.net", "app password with spaces"), RelayhostPasswordFile.Load(secret).Credentials);
        Assert.NotNull(UserDatabase.Load(box.UsersFile).Find("printer"));
        Assert.DoesNotContain("printer-password", File.ReadAllText(box.UsersFile));
        Assert.Contains("relayhost = [smtp.example.net]:587", box.ConfigText);
        Assert.Equal(before, File.ReadAllText(box.ConfigFile + ".bak"));
    }

    [Fact]
    public async Task ADraftWithErrorsWritesNothingAndDoesNotReload()
    {
        string before = box.ConfigText;
        var draft = ConfigDraft.Load(box.ConfigFile);
        var changes = new PendingChanges(draft);
        // Two listeners on one port: each value is fine alone, the whole is not.
        changes.Config.Set(ConfigSchema.ListenSubmission, "127.0.0.1:2525");
        changes.SetUser("printer", "printer-password");
        bool reloaded = false;

        var result = await new ConsoleApply(SafeFile.Default, _ =>
        {
            reloaded = true;
            return Task.FromResult(ControlReply.NotRunning);
        }).ApplyAsync(changes, CancellationToken.None);

        Assert.Equal(ApplyOutcome.NotApplied, result.Outcome);
        Assert.Contains(result.Diagnostics, d => d.IsError);
        Assert.False(reloaded);
        Assert.Equal(before, box.ConfigText);
        Assert.False(File.Exists(box.UsersFile));
    }

    [Fact]
    public async Task ARefusedReloadIsReportedAfterTheFilesAreWritten()
    {
        var changes = new PendingChanges(ConfigDraft.Load(box.ConfigFile));
        changes.Config.Set(ConfigSchema.Admin, "owner@example.net");

        var result = await new ConsoleApply(SafeFile.Default, _ => Task.FromResult(new ControlReply(ControlOutcome.Refused, [], "config has errors")))
            .ApplyAsync(changes, CancellationToken.None);

        Assert.Equal(ApplyOutcome.AppliedReloadFailed, result.Outcome);
        Assert.Equal("config has errors", result.Problem);
        Assert.Contains("admin = owner@example.net", box.ConfigText);
    }
}
