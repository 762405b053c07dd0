using Relaybox.Smtp.Queue;
using Relaybox.Smtp.Queue.Delivery;

namespace Relaybox.Smtp.Tests.Queue.Delivery;

public sealed class DeliveryStateStoreTests : IDisposable
{
    private const string Id = "0000000000000000000000000A";

    private readonly TemporaryQueue queue = new();

    private static Envelope Envelope => TemporaryQueue.SampleEnvelope(DeliveryStateSamples.Arrival);

    /// <summary>A state that fits <see cref="Envelope"/>: its two recipients, one delivered, one deferred.</summary>
    private static DeliveryState Attempted(int attempts, string reply) => DeliveryState.Fresh(Envelope).StartAttempt(DeliveryStateSamples.Arrival.AddMinutes(attempts)) with
    {
        Attempts = attempts,
        NextAttempt = DeliveryStateSamples.Arrival.AddHours(attempts),
        Recipients =
        [
            new RecipientState("bob@example.net", RecipientStatus.Delivered, 250, "2.0.0", "Ok", "smtp.example.net"),
            new RecipientState("root", RecipientStatus.Deferred, 451, "4.3.0", reply, "smtp.example.net"),
        ],
    };

    public void Dispose() => queue.Dispose();

    [Fact]
    public void AbsentStateFileIsAFreshStateFromTheEnvelopeRecipients()
    {
        var store = new DeliveryStateStore(queue.Directory);

        var state = store.Load(QueueFolder.Active, Id, Envelope);

        Assert.Equal(0, state.Attempts);
        Assert.Null(state.NextAttempt);
        Assert.Equal(["bob@example.net", "root"], state.Recipients.Select(r => r.Address));
        Assert.All(state.Recipients, r => Assert.Equal(RecipientStatus.Pending, r.Status));
        Assert.Empty(queue.FilesIn(queue.Directory.FolderPath(QueueFolder.Active)));
    }

    [Fact]
    public void SavedStateIsLoadedBackFromTheStatePathWithMode0600()
    {
        var store = new DeliveryStateStore(queue.Directory);
        var saved = Attempted(2, "try later");

        store.Save(QueueFolder.Deferred, Id, saved);

        string path = queue.Directory.StatePath(QueueFolder.Deferred, Id);
        Assert.Equal([Id + ".state"], queue.FilesIn(queue.Directory.FolderPath(QueueFolder.Deferred)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        DeliveryStateAssert.Equal(saved, new DeliveryStateStore(queue.Directory).Load(QueueFolder.Deferred, Id, Envelope));
        Assert.Equal(0, store.Load(QueueFolder.Active, Id, Envelope).Attempts);
    }

    [Fact]
    public void SavingAgainReplacesTheState()
    {
        var store = new DeliveryStateStore(queue.Directory);
        store.Save(QueueFolder.Active, Id, Attempted(1, "first"));

        store.Save(QueueFolder.Active, Id, Attempted(2, "second"));

        var loaded = store.Load(QueueFolder.Active, Id, Envelope);
        Assert.Equal(2, loaded.Attempts);
        Assert.Equal("second", loaded.Recipients[1].ReplyText);
        Assert.Equal([Id + ".state"], queue.FilesIn(queue.Directory.FolderPath(QueueFolder.Active)));
    }

    [Fact]
    public void StateMovesWithItsMessage()
    {
        var store = new DeliveryStateStore(queue.Directory);
        File.WriteAllBytes(queue.Directory.QueueFilePath(QueueFolder.Active, Id), [1, 2, 3]);
        store.Save(QueueFolder.Active, Id, Attempted(1, "moved"));

        queue.Directory.Move(Id, QueueFolder.Active, QueueFolder.Deferred);

        Assert.Equal("moved", store.Load(QueueFolder.Deferred, Id, Envelope).Recipients[1].ReplyText);
        Assert.Equal(0, store.Load(QueueFolder.Active, Id, Envelope).Attempts);
    }

    [Fact]
    public void CorruptStateFileIsReportedNotReplacedByAFreshState()
    {
        var store = new DeliveryStateStore(queue.Directory);
        File.WriteAllText(queue.Directory.StatePath(QueueFolder.Active, Id), "relaybox-delivery-state 1\nattempts 1\ndelay-warning-sent no\nrcpt status=gone address=bob@example.net\nend\n");

        var error = Assert.Throws<DeliveryStateFormatException>(() => store.Load(QueueFolder.Active, Id, Envelope));

        Assert.Equal(4, error.LineNumber);
    }

    [Fact]
    public void StateForOtherRecipientsIsRefused()
    {
        var store = new DeliveryStateStore(queue.Directory);
        store.Save(QueueFolder.Active, Id, Attempted(1, "x"));
        var other = Envelope with { Recipients = [Envelope.Recipients[0], Envelope.Recipients[0] with { Address = "eve@example.com" }] };
        var fewer = Envelope with { Recipients = [Envelope.Recipients[0]] };

        var mismatch = Assert.Throws<DeliveryStateFormatException>(() => store.Load(QueueFolder.Active, Id, other));
        var count = Assert.Throws<DeliveryStateFormatException>(() => store.Load(QueueFolder.Active, Id, fewer));

        Assert.Contains("recipient 2 is \"root\"", mismatch.Message, StringComparison.Ordinal);
        Assert.Contains("2 recipients, but the envelope has 1", count.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Replays the save with a crash at every step (create, write, fsync, rename, directory fsync) and checks
    /// what a restart would read: the whole old state before the rename, the whole new one after, never a mix.
    /// </summary>
    [Fact]
    public void CrashAtAnyStepOfASaveLeavesTheOldStateOrTheNew()
    {
        var old = Attempted(1, "old reply");
        var updated = Attempted(2, "new reply") with { DelayWarningSent = true };
        bool sawOld = false;
        bool sawNew = false;
        for (int crashAt = 1; ; crashAt++)
        {
            using var crashQueue = new TemporaryQueue();
            new DeliveryStateStore(crashQueue.Directory).Save(QueueFolder.Deferred, Id, old);
            var faulty = new FaultyFileSystem { CrashAtStep = crashAt };

            bool crashed = false;
            try
            {
                new DeliveryStateStore(crashQueue.Through(faulty)).Save(QueueFolder.Deferred, Id, updated);
            }
            catch (SimulatedCrashException)
            {
                crashed = true;
            }

            var afterRestart = new DeliveryStateStore(crashQueue.Directory).Load(QueueFolder.Deferred, Id, Envelope);
            if (afterRestart.Attempts == 1)
            {
                DeliveryStateAssert.Equal(old, afterRestart);
                sawOld = true;
            }
            else
            {
                DeliveryStateAssert.Equal(updated, afterRestart);
                sawNew = true;
            }

            if (!crashed)
            {
                Assert.True(crashAt > 3, "a save takes at least create, write, fsync and rename");
                break;
            }
        }

        Assert.True(sawOld, "a crash before the rename must leave the old state");
        Assert.True(sawNew, "a crash after the rename must leave the new state");
    }

    [Fact]
    public void FailedSaveLeavesTheOldStateAndNoTemporaryFile()
    {
        var store = new DeliveryStateStore(queue.Directory);
        store.Save(QueueFolder.Active, Id, Attempted(1, "kept"));
        var full = new FaultyFileSystem { SpaceLeft = 10 };

        Assert.Throws<IOException>(() => new DeliveryStateStore(queue.Through(full)).Save(QueueFolder.Active, Id, Attempted(2, "lost")));

        Assert.Equal("kept", store.Load(QueueFolder.Active, Id, Envelope).Recipients[1].ReplyText);
        Assert.Equal([Id + ".state"], queue.FilesIn(queue.Directory.FolderPath(QueueFolder.Active)));
    }
}
