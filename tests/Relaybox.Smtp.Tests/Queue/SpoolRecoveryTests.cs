using Relaybox.Smtp.Queue;
using Relaybox.Smtp.Tests.Relay;

namespace Relaybox.Smtp.Tests.Queue;

public sealed class SpoolRecoveryTests : IDisposable
{
    private readonly TemporaryQueue queue = new();
    private readonly ManualClock clock = new();
    private readonly QueueIdGenerator ids;

    public SpoolRecoveryTests() => ids = new QueueIdGenerator(clock);

    public void Dispose() => queue.Dispose();

    private QueueDirectory Queue => queue.Directory;

    private async Task<string> Commit(byte[] content)
    {
        await using var message = new Spool(Queue, clock).Create();
        await message.WriteAsync(content, CancellationToken.None);
        await message.CommitAsync(TemporaryQueue.SampleEnvelope(clock.GetUtcNow()), CancellationToken.None);
        return message.Id;
    }

    private SpoolRecovery Recovery => new(Queue);

    [Fact]
    public void IncomingIsWiped()
    {
        File.WriteAllText(Queue.IncomingFile(ids.Next()), "half a message");
        File.WriteAllText(Path.Combine(Queue.IncomingPath, "stray"), "x");

        var report = Recovery.RecoverAfterCrash();

        Assert.Equal(2, report.IncomingRemoved);
        Assert.Empty(queue.FilesIn(Queue.IncomingPath));
    }

    [Fact]
    public void ContentWithoutEnvelopeIsRemovedAsAnOrphan()
    {
        string id = ids.Next();
        File.WriteAllText(Queue.MessagePath(QueueFolder.Active, id), "never acknowledged");
        File.WriteAllText(Queue.StatePath(QueueFolder.Active, id), "state");

        var report = Recovery.RecoverAfterCrash();

        Assert.Equal(1, report.OrphansRemoved);
        Assert.Empty(queue.AllFiles());
    }

    [Fact]
    public void HalfWrittenEnvelopeTempFilesAreRemoved()
    {
        string id = ids.Next();
        File.WriteAllText(Path.Combine(Queue.FolderPath(QueueFolder.Deferred), "." + id + ".env.0123456789ab.tmp"), "relaybox-env");

        var report = Recovery.RecoverAfterCrash();

        Assert.Equal(1, report.TemporaryFilesRemoved);
        Assert.Empty(queue.AllFiles());
    }

    [Fact]
    public async Task CompleteMessagesAreKeptAndCounted()
    {
        string first = await Commit([1, 2, 3]);
        string second = await Commit([4, 5]);
        Queue.Move(second, QueueFolder.Active, QueueFolder.Hold);

        var report = Recovery.RecoverAfterCrash();

        Assert.Equal(2, report.CompleteMessages);
        Assert.Equal([first], new SpoolReader(Queue).List(QueueFolder.Active).Messages.Select(m => m.Id));
        Assert.Equal([second], new SpoolReader(Queue).List(QueueFolder.Hold).Messages.Select(m => m.Id));
    }

    [Fact]
    public async Task CorruptEnvelopeIsReportedAndKept()
    {
        string id = await Commit([1, 2, 3]);
        string envelopePath = Queue.EnvelopePath(QueueFolder.Active, id);
        File.WriteAllText(envelopePath, "relaybox-envelope 1\nreverse-path x\n"); // truncated

        var report = Recovery.RecoverAfterCrash();
        var listing = new SpoolReader(Queue).List(QueueFolder.Active);

        var corrupt = Assert.Single(report.Corrupt);
        Assert.Equal(id, corrupt.Id);
        Assert.Contains("end", corrupt.Problem);
        Assert.Equal(corrupt, Assert.Single(listing.Corrupt));
        Assert.Empty(listing.Messages);
        Assert.True(File.Exists(envelopePath));
        Assert.True(File.Exists(Queue.MessagePath(QueueFolder.Active, id)));
    }

    [Fact]
    public async Task EnvelopeWithoutContentIsReportedAndKept()
    {
        string id = await Commit([1, 2, 3]);
        File.Delete(Queue.MessagePath(QueueFolder.Active, id));

        var report = Recovery.RecoverAfterCrash();

        var corrupt = Assert.Single(report.Corrupt);
        Assert.Contains("missing", corrupt.Problem);
        Assert.True(File.Exists(Queue.EnvelopePath(QueueFolder.Active, id)));
    }

    [Fact]
    public async Task InterruptedMoveIsCompletedInTheContentsFolder()
    {
        string id = await Commit([9, 8, 7]);
        File.WriteAllText(Queue.StatePath(QueueFolder.Active, id), "state");
        File.Move(Queue.MessagePath(QueueFolder.Active, id), Queue.MessagePath(QueueFolder.Deferred, id));

        var report = Recovery.RecoverAfterCrash();

        Assert.Equal(1, report.Reunited);
        var moved = Assert.Single(new SpoolReader(Queue).List(QueueFolder.Deferred).Messages);
        Assert.Equal(id, moved.Id);
        Assert.Equal("state", File.ReadAllText(Queue.StatePath(QueueFolder.Deferred, id)));
        Assert.Empty(queue.FilesIn(Queue.FolderPath(QueueFolder.Active)));
    }

    [Fact]
    public void FilesThatAreNotQueueFilesAreLeftAlone()
    {
        string note = Path.Combine(Queue.FolderPath(QueueFolder.Hold), "README");
        File.WriteAllText(note, "admin notes");

        Recovery.RecoverAfterCrash();

        Assert.True(File.Exists(note));
    }

    [Fact]
    public async Task RecoveryOfAConsistentQueueChangesNothing()
    {
        await Commit([1]);
        await Commit([2]);
        string[] before = queue.AllFiles();

        var report = Recovery.RecoverAfterCrash();

        Assert.Equal(before, queue.AllFiles());
        Assert.Equal((0, 0, 0, 0, 2), (report.IncomingRemoved, report.TemporaryFilesRemoved, report.OrphansRemoved, report.Reunited, report.CompleteMessages));
        Assert.Empty(report.Corrupt);
    }
}
