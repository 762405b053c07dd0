using Relaybox.Appliance.Configuration;
using Relaybox.Appliance.Hosting;
using Relaybox.Appliance.Setup;
using Relaybox.Smtp.Queue;
using Relaybox.Smtp.Storage;

namespace Relaybox.Appliance.Tests.Setup;

public sealed class FactoryResetTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly ResetBox box = new();

    public void Dispose() => box.Dispose();

    [Fact]
    public void ConfigurationBecomesTheFactoryDefaultWithDeliveryOffAndTheSameDataDirectoryAndWiring()
    {
        var before = box.LoadConfig();

        box.Reset(PhysicalFileSystem.Instance, ResetBox.ResetTime);

        var after = box.LoadConfig();
        var schemaDefaults = ConfigLoader.Parse($"[server]\ndata_dir = {box.DataDir}\n", "defaults").Config!;
        Assert.False(after.Queue.Deliver);
        Assert.Null(after.Relay.RelayHost);
        Assert.Null(after.Relay.SaslPasswordFile);
        Assert.Null(after.Rewrite.Admin);
        Assert.Equal(schemaDefaults.Server.Hostname, after.Server.Hostname);
        Assert.Equal(schemaDefaults.Server.MyNetworks, after.Server.MyNetworks);
        Assert.Equal(schemaDefaults.Listen, after.Listen);
        Assert.Equal(before.Server.DataDir, after.Server.DataDir);
        Assert.Equal(before.Gpio, after.Gpio);
    }

    [Fact]
    public void PreviousConfigurationIsKeptWordForWordInAnOwnerOnlyBackupAndTheFileKeepsItsMode()
    {
        string original = File.ReadAllText(box.ConfigFile);
        var mode = File.GetUnixFileMode(box.ConfigFile);

        box.Reset(PhysicalFileSystem.Instance, ResetBox.ResetTime);

        string backup = box.ConfigFile + ".before-reset-20261122T191530Z";
        Assert.Equal(original, File.ReadAllText(backup));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(backup));
        Assert.Equal(mode, File.GetUnixFileMode(box.ConfigFile));
        Assert.Contains("relaybox.ini.before-reset-20261122T191530Z", File.ReadAllText(box.ConfigFile));
    }

    [Fact]
    public void UsersAreRemovedAndKeptInAnOwnerOnlyBackup()
    {
        string users = File.ReadAllText(box.UsersFile);

        var result = box.Reset(PhysicalFileSystem.Instance, ResetBox.ResetTime);

        string backup = box.UsersFile + ".before-reset-20261122T191530Z";
        Assert.False(File.Exists(box.UsersFile));
        Assert.Equal(users, File.ReadAllText(backup));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(backup));
        Assert.Contains(result.Done, line => line.Contains(backup, StringComparison.Ordinal));
    }

    [Fact]
    public void TlsPairIsRemovedSoTheNextLoadGeneratesANewOne()
    {
        box.Reset(PhysicalFileSystem.Instance, ResetBox.ResetTime);

        var after = box.LoadConfig();
        Assert.False(File.Exists(after.Tls.CertFile));
        Assert.False(File.Exists(after.Tls.KeyFile));
        var loaded = ServerCertificate.LoadOrCreate(after.Tls.CertFile, after.Tls.KeyFile, "relaybox.test", TimeProvider.System);
        Assert.True(loaded.Generated);
        Assert.NotEqual("old key", File.ReadAllText(after.Tls.KeyFile));
    }

    [Fact]
    public void SmarthostPasswordIsRemovedAndNoCopyOfItIsLeftAnywhere()
    {
        box.Reset(PhysicalFileSystem.Instance, ResetBox.ResetTime);

        Assert.False(File.Exists(box.PasswordFile));
        Assert.DoesNotContain(box.Snapshot(), file => file.Contains("s3cret-provider-password", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryWaitingMessageIsPutOnHoldWithItsDeliveryState()
    {
        var result = box.Reset(PhysicalFileSystem.Instance, ResetBox.ResetTime);

        Assert.Equal(box.Active.Length + box.Deferred.Length, result.MessagesHeld);
        Assert.Empty(Directory.EnumerateFileSystemEntries(box.Queue.FolderPath(QueueFolder.Active)));
        Assert.Empty(Directory.EnumerateFileSystemEntries(box.Queue.FolderPath(QueueFolder.Deferred)));
        foreach (string id in box.AllMessages)
        {
            Assert.Equal("message " + id, File.ReadAllText(box.Queue.QueueFilePath(QueueFolder.Hold, id)));
        }

        Assert.Equal("state " + box.Active[0], File.ReadAllText(box.Queue.StatePath(QueueFolder.Hold, box.Active[0])));
        Assert.Equal("state " + box.Deferred[0], File.ReadAllText(box.Queue.StatePath(QueueFolder.Hold, box.Deferred[0])));
    }

    [Fact]
    public void AlertsAreClearedAndNoResetIsLeftPending()
    {
        var result = box.Reset(PhysicalFileSystem.Instance, ResetBox.ResetTime);

        Assert.False(File.Exists(box.AlertsFile));
        Assert.False(FactoryResetMarker.IsPending(box.DataDir));
        Assert.False(result.Resumed);
        Assert.Equal("factory reset complete", result.Done[^1]);
    }

    [Fact]
    public void QueueIsLeftAloneWhenTheRunningQueueManagerHeldItItself()
    {
        var plan = FactoryReset.Prepare(box.LoadConfig(), box.ConfigFile, new SetupClock(ResetBox.ResetTime), moveQueueToHold: false);

        var result = FactoryReset.Default.Perform(plan);

        Assert.Equal(0, result.MessagesHeld);
        Assert.True(File.Exists(box.Queue.QueueFilePath(QueueFolder.Active, box.Active[0])));
        Assert.False(File.Exists(box.UsersFile));
    }

    [Fact]
    public void PowerCutAtAnyStepThenRunningAgainEndsExactlyAsAnUninterruptedReset()
    {
        var pristine = box.Snapshot();
        using var reference = new ResetBox();
        var counting = new PowerCutFileSystem(int.MaxValue);
        reference.Reset(counting, ResetBox.ResetTime);
        var expected = reference.Snapshot();
        Assert.True(counting.Changes > 10, $"only {counting.Changes} changes counted");

        for (int cut = 0; cut < counting.Changes; cut++)
        {
            using var interrupted = new ResetBox();
            var powerCut = new PowerCutFileSystem(cut);
            Assert.Throws<IOException>(() => interrupted.Reset(powerCut, ResetBox.ResetTime));
            Assert.True(powerCut.PowerLost);

            // Until the marker has its name nothing else may have changed; from then on the reset is pending.
            bool pending = FactoryResetMarker.IsPending(interrupted.DataDir);
            Assert.Equal(cut >= 2, pending);
            if (!pending)
            {
                Assert.Equal(pristine, interrupted.Snapshot());
            }

            // The next start comes later; the marker keeps the reset's own time, and with it the backups' names.
            var result = interrupted.Reset(PhysicalFileSystem.Instance, pending ? ResetBox.ResetTime.AddMinutes(3) : ResetBox.ResetTime);

            Assert.Equal(pending, result.Resumed);
            Assert.Equal(expected, interrupted.Snapshot());
        }
    }

    [Fact]
    public void ASecondResetOfAResetBoxKeepsTheFirstBackups()
    {
        box.Reset(PhysicalFileSystem.Instance, ResetBox.ResetTime);
        string firstBackup = box.ConfigFile + ".before-reset-20261122T191530Z";
        string original = File.ReadAllText(firstBackup);

        box.Reset(PhysicalFileSystem.Instance, ResetBox.ResetTime.AddDays(1));

        Assert.Equal(original, File.ReadAllText(firstBackup));
        Assert.True(File.Exists(box.ConfigFile + ".before-reset-20261123T191530Z"));
        Assert.True(File.Exists(box.UsersFile + ".before-reset-20261122T191530Z"));
    }

    [Fact]
    public void StartWithoutAPendingResetChangesNothing()
    {
        var before = box.Snapshot();

        var result = FactoryReset.Default.FinishPending(box.LoadConfig(), box.ConfigFile, new SetupClock(ResetBox.ResetTime));

        Assert.Null(result);
        Assert.Equal(before, box.Snapshot());
    }

    [Fact]
    public void StartAfterAnInterruptedResetFinishesIt()
    {
        Assert.Throws<IOException>(() => box.Reset(new PowerCutFileSystem(6), ResetBox.ResetTime));

        var result = FactoryReset.Default.FinishPending(box.LoadConfig(), box.ConfigFile, new SetupClock(ResetBox.ResetTime.AddHours(1)));

        Assert.NotNull(result);
        Assert.True(result.Resumed);
        Assert.False(FactoryResetMarker.IsPending(box.DataDir));
        Assert.False(File.Exists(box.UsersFile));
        Assert.Equal(box.Active.Length + box.Deferred.Length, Directory.EnumerateFiles(box.Queue.FolderPath(QueueFolder.Hold), "*.q").Count() - box.AlreadyHeld.Length);
    }
}
