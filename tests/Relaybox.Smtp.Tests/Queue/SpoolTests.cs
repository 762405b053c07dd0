using Relaybox.Smtp.Queue;
using Relaybox.Smtp.Storage;
using Relaybox.Smtp.Tests.Relay;

namespace Relaybox.Smtp.Tests.Queue;

public sealed class SpoolTests : IDisposable
{
    private readonly TemporaryQueue queue = new();
    private readonly ManualClock clock = new();

    public void Dispose() => queue.Dispose();

    private int EnvelopeAndTrailerLength() =>
        EnvelopeSerializer.Write(TemporaryQueue.SampleEnvelope(clock.GetUtcNow())).Length + QueueFileTrailer.Length;

    private static async Task WriteInChunks(IncomingMessage message, byte[] content, int chunk)
    {
        for (int offset = 0; offset < content.Length; offset += chunk)
        {
            await message.WriteAsync(content.AsMemory(offset, Math.Min(chunk, content.Length - offset)), CancellationToken.None);
        }
    }

    [Fact]
    public async Task CommittedMessageAndEnvelopeReadBackIdentical()
    {
        byte[] content = TemporaryQueue.SampleContent(200_000);
        var envelope = TemporaryQueue.SampleEnvelope(clock.GetUtcNow());
        string id;
        await using (var message = new Spool(queue.Directory, clock).Create())
        {
            id = message.Id;
            await WriteInChunks(message, content, 1000);
            await message.CommitAsync(envelope, CancellationToken.None);
        }

        var listing = new SpoolReader(queue.Directory).List(QueueFolder.Active);

        var queued = Assert.Single(listing.Messages);
        Assert.Empty(listing.Corrupt);
        Assert.Equal(id, queued.Id);
        Assert.Equal(content.Length, queued.Size);
        Assert.Equal(envelope.ReceivedAt, queued.ArrivalTime);
        Assert.Equal(content, await QueueFiles.ReadContentAsync(queued));
        EnvelopeAssert.Equal(envelope, queued.Envelope);
    }

    [Fact]
    public async Task CommitLeavesExactlyOneQueueFileAndNothingElse()
    {
        string id;
        await using (var message = new Spool(queue.Directory, clock).Create())
        {
            id = message.Id;
            await message.WriteAsync(new byte[] { 1, 2, 3 }, CancellationToken.None);
            await message.CommitAsync(TemporaryQueue.SampleEnvelope(clock.GetUtcNow()), CancellationToken.None);
        }

        Assert.Equal([Path.Combine("active", id + ".q")], queue.AllFiles());
    }

    [Fact]
    public async Task QueueFilesAreReadableByTheOwnerOnly()
    {
        string id;
        await using (var message = new Spool(queue.Directory, clock).Create())
        {
            id = message.Id;
            await message.CommitAsync(TemporaryQueue.SampleEnvelope(clock.GetUtcNow()), CancellationToken.None);
        }

        const UnixFileMode ownerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        Assert.Equal(ownerReadWrite, File.GetUnixFileMode(queue.Directory.QueueFilePath(QueueFolder.Active, id)));
    }

    [Fact]
    public async Task DisposeWithoutCommitLeavesNothing()
    {
        await using (var message = new Spool(queue.Directory, clock).Create())
        {
            await WriteInChunks(message, TemporaryQueue.SampleContent(150_000), 4096);
            Assert.NotEmpty(queue.AllFiles());
        }

        Assert.Empty(queue.AllFiles());
    }

    [Fact]
    public async Task LengthCountsTheBytesWritten()
    {
        await using var message = new Spool(queue.Directory, clock).Create();

        await WriteInChunks(message, TemporaryQueue.SampleContent(70_001), 333);

        Assert.Equal(70_001, message.Length);
    }

    [Fact]
    public async Task WritingAfterCommitIsAnError()
    {
        await using var message = new Spool(queue.Directory, clock).Create();
        await message.CommitAsync(TemporaryQueue.SampleEnvelope(clock.GetUtcNow()), CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await message.WriteAsync(new byte[1], CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await message.CommitAsync(TemporaryQueue.SampleEnvelope(clock.GetUtcNow()), CancellationToken.None));
    }

    [Fact]
    public async Task InvalidEnvelopeFailsBeforeAnythingIsPublished()
    {
        await using (var message = new Spool(queue.Directory, clock).Create())
        {
            await message.WriteAsync(new byte[10], CancellationToken.None);
            var empty = TemporaryQueue.SampleEnvelope(clock.GetUtcNow()) with { Recipients = [] };

            await Assert.ThrowsAsync<ArgumentException>(async () => await message.CommitAsync(empty, CancellationToken.None));
            Assert.Empty(queue.FilesIn(queue.Directory.FolderPath(QueueFolder.Active)));
        }

        Assert.Empty(queue.AllFiles());
    }

    [Fact]
    public async Task NoSpaceWhileWritingContentSurfacesAndLeavesNothing()
    {
        var full = new FaultyFileSystem { SpaceLeft = 100_000 };
        var spool = new Spool(queue.Through(full), clock);

        var error = await Assert.ThrowsAsync<IOException>(async () =>
        {
            await using var message = spool.Create();
            await WriteInChunks(message, TemporaryQueue.SampleContent(300_000), 1000);
            await message.CommitAsync(TemporaryQueue.SampleEnvelope(clock.GetUtcNow()), CancellationToken.None);
        });

        Assert.Equal(28, error.HResult);
        Assert.Empty(queue.AllFiles());
    }

    [Fact]
    public async Task NoSpaceWhileWritingTheEnvelopeSurfacesAndLeavesNothing()
    {
        // More than one write buffer, so the content's first part is on disk and the write that fails is
        // the one carrying the rest of the content with the envelope and trailer.
        const int contentLength = SpoolMessage.BufferSize + 5000;
        var full = new FaultyFileSystem { SpaceLeft = contentLength };
        var spool = new Spool(queue.Through(full), clock);

        await Assert.ThrowsAsync<IOException>(async () =>
        {
            await using var message = spool.Create();
            await message.WriteAsync(TemporaryQueue.SampleContent(contentLength), CancellationToken.None);
            await message.CommitAsync(TemporaryQueue.SampleEnvelope(clock.GetUtcNow()), CancellationToken.None);
        });

        string[] writes = [.. full.Log.Where(step => step.StartsWith("write ", StringComparison.Ordinal))];
        Assert.Equal(["write " + SpoolMessage.BufferSize, "write " + (5000 + EnvelopeAndTrailerLength())], writes); // got as far as the envelope
        Assert.DoesNotContain(full.Log, step => step.StartsWith("rename", StringComparison.Ordinal));
        Assert.Empty(queue.AllFiles());
    }

    [Fact]
    public async Task CommitTakesTwoFsyncsAndOneRename()
    {
        var disk = new FaultyFileSystem();
        await using (var message = new Spool(queue.Through(disk), clock).Create())
        {
            await WriteInChunks(message, TemporaryQueue.SampleContent(1000), 100);
            await message.CommitAsync(TemporaryQueue.SampleEnvelope(clock.GetUtcNow()), CancellationToken.None);
        }

        string id = Path.GetFileNameWithoutExtension(Assert.Single(queue.AllFiles()));
        Assert.Equal(
            [$"create {id}", $"write {1000 + EnvelopeAndTrailerLength()}", $"fsync {id}", $"rename {id} -> {id}.q", "fsync-dir active"],
            disk.Log);
    }

    [Fact]
    public async Task MessagesAreListedInArrivalOrder()
    {
        var spool = new Spool(queue.Directory, clock);
        var ids = new List<string>();
        for (int i = 0; i < 5; i++)
        {
            await using var message = spool.Create();
            ids.Add(message.Id);
            await message.CommitAsync(TemporaryQueue.SampleEnvelope(clock.GetUtcNow()), CancellationToken.None);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        var listed = new SpoolReader(queue.Directory).List(QueueFolder.Active).Messages.Select(m => m.Id);

        Assert.Equal(ids, listed);
        Assert.Equal(5, ids.Distinct().Count());
    }

    [Fact]
    public void EnsureCreatedMakesEveryFolderOwnerOnly()
    {
        var fresh = new QueueDirectory(Path.Combine(queue.Parent, "nested", "queue"), DirectoryFsyncFileSystem.Instance);
        Directory.CreateDirectory(Path.Combine(queue.Parent, "nested"));

        fresh.EnsureCreated();

        foreach (string folder in (string[])[fresh.IncomingPath, .. QueueDirectory.Folders.Select(fresh.FolderPath)])
        {
            Assert.True(Directory.Exists(folder), folder);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        }
    }
}
