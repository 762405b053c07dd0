using Relaybox.Smtp.Queue;
using Relaybox.Smtp.Tests.Relay;

namespace Relaybox.Smtp.Tests.Queue;

/// <summary>
/// A crash at every single step of receiving, committing, moving and removing a message, each followed by
/// the recovery that runs at start: the queue then holds either no message or the complete one (content and
/// envelope identical to what was sent), never a partial one, and a message whose commit returned is there.
/// </summary>
public sealed class CrashSafetyTests
{
    /// <summary>More than three write buffers, so content is written in several steps.</summary>
    private static readonly byte[] Content = TemporaryQueue.SampleContent((3 * 64 * 1024) + 1234);

    private static readonly ManualClock Clock = new();

    private static readonly Envelope Sent = TemporaryQueue.SampleEnvelope(Clock.GetUtcNow());

    private enum Outcome
    {
        Nothing,
        Complete,
    }

    [Fact]
    public async Task CrashAtAnyStepOfReceivingLeavesNoMessageOrTheCompleteOne()
    {
        var outcomes = new List<Outcome>();
        for (int crashAt = 1; ; crashAt++)
        {
            using var queue = new TemporaryQueue();
            var disk = new FaultyFileSystem { CrashAtStep = crashAt };
            bool committed = await TryReceive(new Spool(queue.Through(disk), Clock));
            if (!disk.Crashed)
            {
                Assert.True(committed);
                Assert.Equal(Outcome.Complete, RecoverAndInspect(queue, QueueFolder.Active));
                break;
            }

            Assert.False(committed, $"commit returned although the disk died at step {crashAt}");
            outcomes.Add(RecoverAndInspect(queue, QueueFolder.Active));
        }

        // The walk must have crossed the commit point: early crashes lose the (unacknowledged) message,
        // a crash in the final directory fsync already finds it whole. Every write, fsync and rename of the
        // commit is one of the steps, so the crash lands inside the envelope and trailer writes too.
        Assert.True(outcomes.Count > 8, $"only {outcomes.Count} steps");
        Assert.Equal(Outcome.Nothing, outcomes[0]);
        Assert.Equal(Outcome.Complete, outcomes[^1]);
        int firstComplete = outcomes.IndexOf(Outcome.Complete);
        Assert.All(outcomes.Skip(firstComplete), outcome => Assert.Equal(Outcome.Complete, outcome));
    }

    [Fact]
    public async Task CrashAtAnyStepOfAMoveLosesNothing()
    {
        for (int crashAt = 1; ; crashAt++)
        {
            using var queue = new TemporaryQueue();
            Assert.True(await TryReceive(new Spool(queue.Directory, Clock)));
            string id = Assert.Single(new SpoolReader(queue.Directory).List(QueueFolder.Active).Messages).Id;
            File.WriteAllText(queue.Directory.StatePath(QueueFolder.Active, id), "state");
            var disk = new FaultyFileSystem { CrashAtStep = crashAt };

            try
            {
                queue.Through(disk).Move(id, QueueFolder.Active, QueueFolder.Deferred);
            }
            catch (SimulatedCrashException)
            {
            }

            new SpoolRecovery(queue.Directory).RecoverAfterCrash();
            var active = new SpoolReader(queue.Directory).List(QueueFolder.Active);
            var deferred = new SpoolReader(queue.Directory).List(QueueFolder.Deferred);
            Assert.Empty(active.Corrupt);
            Assert.Empty(deferred.Corrupt);
            var survivor = Assert.Single(active.Messages.Concat(deferred.Messages));
            AssertIsTheSentMessage(survivor);
            Assert.True(File.Exists(queue.Directory.StatePath(survivor.Folder, id)), $"state lost at step {crashAt}");
            if (!disk.Crashed)
            {
                Assert.Equal(QueueFolder.Deferred, survivor.Folder);
                break;
            }
        }
    }

    [Fact]
    public async Task CrashAtAnyStepOfARemovalLeavesTheWholeMessageOrNothing()
    {
        for (int crashAt = 1; ; crashAt++)
        {
            using var queue = new TemporaryQueue();
            Assert.True(await TryReceive(new Spool(queue.Directory, Clock)));
            string id = Assert.Single(new SpoolReader(queue.Directory).List(QueueFolder.Active).Messages).Id;
            File.WriteAllText(queue.Directory.StatePath(QueueFolder.Active, id), "state");
            var disk = new FaultyFileSystem { CrashAtStep = crashAt };

            try
            {
                queue.Through(disk).Remove(id, QueueFolder.Active);
            }
            catch (SimulatedCrashException)
            {
            }

            // A surviving message must still have its delivery state, or it would be delivered twice.
            var outcome = RecoverAndInspect(queue, QueueFolder.Active, withState: true);
            if (!disk.Crashed)
            {
                Assert.Equal(Outcome.Nothing, outcome);
                break;
            }
        }
    }

    private static async Task<bool> TryReceive(Spool spool)
    {
        try
        {
            await using var message = spool.Create();
            for (int offset = 0; offset < Content.Length; offset += 10_000)
            {
                await message.WriteAsync(Content.AsMemory(offset, Math.Min(10_000, Content.Length - offset)), CancellationToken.None);
            }

            await message.CommitAsync(Sent, CancellationToken.None);
            return true;
        }
        catch (SimulatedCrashException)
        {
            return false;
        }
    }

    /// <summary>Runs start-up recovery on the real disk and checks what the queue manager would see.</summary>
    private static Outcome RecoverAndInspect(TemporaryQueue queue, QueueFolder folder, bool withState = false)
    {
        var report = new SpoolRecovery(queue.Directory).RecoverAfterCrash();
        var listing = new SpoolReader(queue.Directory).List(folder);

        Assert.Empty(report.Corrupt);
        Assert.Empty(listing.Corrupt);
        Assert.Empty(queue.FilesIn(queue.Directory.IncomingPath));
        if (listing.Messages.Count == 0)
        {
            Assert.Empty(queue.AllFiles());
            return Outcome.Nothing;
        }

        var message = Assert.Single(listing.Messages);
        AssertIsTheSentMessage(message);
        string[] expected = withState ? [message.Id + ".q", message.Id + ".state"] : [message.Id + ".q"];
        Assert.Equal(expected, queue.AllFiles().Select(Path.GetFileName));
        Assert.Equal(expected, queue.FilesIn(queue.Directory.FolderPath(folder)));
        return Outcome.Complete;
    }

    private static void AssertIsTheSentMessage(QueuedMessage message)
    {
        Assert.Equal(Content.Length, message.Size);
        using var content = message.OpenContent();
        using var copy = new MemoryStream();
        content.CopyTo(copy);
        Assert.Equal(Content, copy.ToArray());
        EnvelopeAssert.Equal(Sent, message.Envelope);
    }
}
