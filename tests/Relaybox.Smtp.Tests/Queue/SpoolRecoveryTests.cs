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
    public void StateWithoutItsQueueFileIsRemovedAsAnOrphan()
    {
        string id = ids.Next();
        File.WriteAllText(Queue.StatePath(QueueFolder.Active, id), "state");
        File.WriteAllText(Queue.StatePath(QueueFolder.Hold, id), "state");

        var report = Recovery.RecoverAfterCrash();

        Assert.Equal(2, report.OrphansRemoved);
        Assert.Empty(queue.AllFiles());
    }

    [Fact]
    public void HalfWrittenTempFilesAreRemoved()
    {
        string id = ids.Next();
        File.WriteAllText(Path.Combine(Queue.FolderPath(QueueFolder.Deferred), "." + id + ".state.0123456789ab.tmp"), "half");

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
    public async Task CorruptQueueFileIsReportedAndKeptWithItsState()
    {
        string id = await Commit([1, 2, 3]);
        string path = Queue.QueueFilePath(QueueFolder.Active, id);
        byte[] file = File.ReadAllBytes(path);
        file[3 + 5] ^= 0x01; // inside the envelope's first line
        File.WriteAllBytes(path, file);
        File.WriteAllText(Queue.StatePath(QueueFolder.Active, id), "state");

        var report = Recovery.RecoverAfterCrash();
        var listing = new SpoolReader(Queue).List(QueueFolder.Active);

        var corrupt = Assert.Single(report.Corrupt);
        Assert.Equal((id, QueueFolder.Active, path), (corrupt.Id, corrupt.Folder, corrupt.FilePath));
        Assert.Contains("checksum", corrupt.Problem);
        Assert.Equal(corrupt, Assert.Single(listing.Corrupt));
        Assert.Empty(listing.Messages);
        Assert.Equal(file, File.ReadAllBytes(path));
        Assert.Equal("state", File.ReadAllText(Queue.StatePath(QueueFolder.Active, id)));
        Assert.Equal(0, report.OrphansRemoved);
    }

    [Fact]
    public void QueueFileWithoutTrailerIsReportedAndKept()
    {
        string id = ids.Next();
        string path = Queue.QueueFilePath(QueueFolder.Deferred, id);
        File.WriteAllText(path, "Subject: content only, as an old or foreign file would be\r\n");

        var report = Recovery.RecoverAfterCrash();

        var corrupt = Assert.Single(report.Corrupt);
        Assert.Equal((id, QueueFolder.Deferred), (corrupt.Id, corrupt.Folder));
        Assert.Contains("trailer", corrupt.Problem);
        Assert.True(File.Exists(path));
        Assert.Equal(0, report.CompleteMessages);
    }

    [Fact]
    public async Task StateLeftBehindByAnInterruptedMoveFollowsItsMessage()
    {
        string id = await Commit([9, 8, 7]);
        File.WriteAllText(Queue.StatePath(QueueFolder.Active, id), "state");
        File.Move(Queue.QueueFilePath(QueueFolder.Active, id), Queue.QueueFilePath(QueueFolder.Deferred, id));

        var report = Recovery.RecoverAfterCrash();

        Assert.Equal(1, report.Reunited);
        var moved = Assert.Single(new SpoolReader(Queue).List(QueueFolder.Deferred).Messages);
        Assert.Equal(id, moved.Id);
        Assert.Equal("state", File.ReadAllText(Queue.StatePath(QueueFolder.Deferred, id)));
        Assert.Empty(queue.FilesIn(Queue.FolderPath(QueueFolder.Active)));
    }

    [Fact]
    public async Task QueueFileUnderTwoFoldersKeepsTheHeldNameAndItsState()
    {
        string id = await Commit([5, 6, 7, 8]);
        File.WriteAllText(Queue.StatePath(QueueFolder.Active, id), "state");
        File.Copy(Queue.QueueFilePath(QueueFolder.Active, id), Queue.QueueFilePath(QueueFolder.Hold, id));

        var report = Recovery.RecoverAfterCrash();

        Assert.Equal((1, 1, 1), (report.DuplicatesRemoved, report.Reunited, report.CompleteMessages));
        Assert.Empty(report.Corrupt);
        Assert.Equal([Path.Combine("hold", id + ".q"), Path.Combine("hold", id + ".state")], queue.AllFiles());
        var kept = Assert.Single(new SpoolReader(Queue).List(QueueFolder.Hold).Messages);
        Assert.Equal([5, 6, 7, 8], await QueueFiles.ReadContentAsync(kept));
    }

    [Fact]
    public async Task TwoDifferentQueueFilesUnderOneIdAreReportedAndBothKept()
    {
        string id = await Commit([1, 2, 3]);
        string other = await Commit([1, 2, 3, 4]);
        File.Move(Queue.QueueFilePath(QueueFolder.Active, other), Queue.QueueFilePath(QueueFolder.Deferred, id));

        var report = Recovery.RecoverAfterCrash();

        var conflict = Assert.Single(report.Corrupt);
        Assert.Equal((id, QueueFolder.Active), (conflict.Id, conflict.Folder));
        Assert.Contains("different", conflict.Problem);
        Assert.Equal(0, report.DuplicatesRemoved);
        Assert.True(File.Exists(Queue.QueueFilePath(QueueFolder.Active, id)));
        Assert.True(File.Exists(Queue.QueueFilePath(QueueFolder.Deferred, id)));
    }

    [Fact]
    public void MailInTheEarlierTwoFileLayoutIsReportedAndKept()
    {
        string id = ids.Next();
        string envelope = Path.Combine(Queue.FolderPath(QueueFolder.Active), id + ".env");
        string content = Path.Combine(Queue.FolderPath(QueueFolder.Active), id + ".msg");
        File.WriteAllText(envelope, "relaybox-envelope 1\n");
        File.WriteAllText(content, "Subject: old\r\n");

        var report = Recovery.RecoverAfterCrash();

        var corrupt = Assert.Single(report.Corrupt);
        Assert.Equal((id, envelope), (corrupt.Id, corrupt.FilePath));
        Assert.Contains("two-file", corrupt.Problem);
        Assert.True(File.Exists(envelope) && File.Exists(content));
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
        Assert.Equal(
            (0, 0, 0, 0, 0, 2),
            (report.IncomingRemoved, report.TemporaryFilesRemoved, report.OrphansRemoved, report.Reunited, report.DuplicatesRemoved, report.CompleteMessages));
        Assert.Empty(report.Corrupt);
    }
}
