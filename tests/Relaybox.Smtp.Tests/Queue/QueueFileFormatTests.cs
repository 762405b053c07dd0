using System.Text;
using Relaybox.Smtp.Queue;
using Relaybox.Smtp.Tests.Relay;

namespace Relaybox.Smtp.Tests.Queue;

/// <summary>
/// The single queue file: content, envelope and trailer read back exactly, and every kind of damage to the
/// tail is reported as corrupt rather than misread.
/// </summary>
public sealed class QueueFileFormatTests : IDisposable
{
    private readonly TemporaryQueue queue = new();
    private readonly ManualClock clock = new();

    public void Dispose() => queue.Dispose();

    private Envelope SampleEnvelope => TemporaryQueue.SampleEnvelope(clock.GetUtcNow());

    private async Task<string> Commit(byte[] content, int chunk = 4096)
    {
        await using var message = new Spool(queue.Directory, clock).Create();
        for (int offset = 0; offset < content.Length; offset += chunk)
        {
            await message.WriteAsync(content.AsMemory(offset, Math.Min(chunk, content.Length - offset)), CancellationToken.None);
        }

        await message.CommitAsync(SampleEnvelope, CancellationToken.None);
        return message.Id;
    }

    private string PathOf(string id) => queue.Directory.QueueFilePath(QueueFolder.Active, id);

    private (QueuedMessage? Message, string? Problem) ReadBack(string id) => new SpoolReader(queue.Directory).ReadOne(QueueFolder.Active, id);

    private async Task<byte[]> ContentOf(string id)
    {
        var (message, problem) = ReadBack(id);
        Assert.True(message is not null, problem);
        return await QueueFiles.ReadContentAsync(message);
    }

    [Fact]
    public async Task FileIsContentThenEnvelopeThenTrailer()
    {
        byte[] content = Encoding.ASCII.GetBytes("Subject: hi\r\n\r\nbody\r\n");
        string id = await Commit(content);

        byte[] file = File.ReadAllBytes(PathOf(id));
        byte[] envelope = EnvelopeSerializer.Write(SampleEnvelope);

        Assert.Equal(content, file[..content.Length]);
        Assert.Equal(envelope, file[content.Length..^QueueFileTrailer.Length]);
        string trailer = Encoding.ASCII.GetString(file[^QueueFileTrailer.Length..]);
        Assert.Matches($"^\n#relaybox-queue-v1 {content.Length:D20} {envelope.Length:D10} [0-9a-f]{{16}}\n$", trailer);
    }

    [Fact]
    public async Task MultiMegabyteContentWrittenInChunksReadsBackByteForByte()
    {
        byte[] content = TemporaryQueue.SampleContent((5 * 1024 * 1024) + 321);
        string id = await Commit(content, chunk: 7919);

        var (message, _) = ReadBack(id);

        Assert.Equal(content.Length, message!.Size);
        Assert.Equal(content, await QueueFiles.ReadContentAsync(message));
    }

    [Fact]
    public async Task ContentWithoutFinalLineEndReadsBackExactly()
    {
        byte[] content = Encoding.ASCII.GetBytes("no line end at all");

        string id = await Commit(content);

        Assert.Equal(content, await ContentOf(id));
    }

    [Fact]
    public async Task EmptyContentReadsBackEmpty()
    {
        string id = await Commit([]);

        var (message, problem) = ReadBack(id);

        Assert.True(message is not null, problem);
        Assert.Equal(0, message.Size);
        Assert.Empty(await QueueFiles.ReadContentAsync(message));
    }

    [Fact]
    public async Task ContentThatEndsLikeAQueueFileReadsBackExactly()
    {
        // The content of another queue file, trailer and all: only the real trailer at the very end counts.
        string inner = await Commit(Encoding.ASCII.GetBytes("inner\r\n"));
        byte[] lookalike = File.ReadAllBytes(PathOf(inner));

        string id = await Commit(lookalike, chunk: 13);

        var (message, problem) = ReadBack(id);
        Assert.True(message is not null, problem);
        Assert.Equal(lookalike.Length, message.Size);
        Assert.Equal(lookalike, await QueueFiles.ReadContentAsync(message));
    }

    [Fact]
    public async Task ContentStreamEndsWhereTheContentEnds()
    {
        byte[] content = TemporaryQueue.SampleContent(1000);
        string id = await Commit(content);
        var (message, _) = ReadBack(id);

        using var stream = message!.OpenContent();
        byte[] buffer = new byte[4096];

        Assert.Equal((1000, false, true), (stream.Length, stream.CanWrite, stream.CanSeek));
        stream.Seek(-10, SeekOrigin.End);
        Assert.Equal(10, stream.Read(buffer, 0, buffer.Length));
        Assert.Equal(content[^10..], buffer[..10]);
        Assert.Equal(0, stream.Read(buffer, 0, buffer.Length));
        stream.Position = 100;
        Assert.Equal(content[100], (byte)stream.ReadByte());
        Assert.Throws<NotSupportedException>(() => stream.Write(buffer, 0, 1));
    }

    [Fact]
    public async Task ContentStaysReadableWhileTheMessageMoves()
    {
        byte[] content = TemporaryQueue.SampleContent(50_000);
        string id = await Commit(content);
        var (message, _) = ReadBack(id);

        await using var stream = message!.OpenContent();
        queue.Directory.Move(id, QueueFolder.Active, QueueFolder.Deferred);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);

        Assert.Equal(content, copy.ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(QueueFileTrailer.Length / 2)]
    [InlineData(QueueFileTrailer.Length)]
    [InlineData(QueueFileTrailer.Length + 7)]
    public async Task TruncatedFileIsCorrupt(int bytesCut)
    {
        string id = await Commit(TemporaryQueue.SampleContent(3000));
        using (var file = new FileStream(PathOf(id), FileMode.Open))
        {
            file.SetLength(file.Length - bytesCut);
        }

        AssertCorrupt(id);
    }

    [Fact]
    public async Task FileShorterThanATrailerIsCorrupt()
    {
        string id = await Commit([]);
        File.WriteAllBytes(PathOf(id), Encoding.ASCII.GetBytes("short"));

        Assert.Contains("shorter than its trailer", AssertCorrupt(id));
    }

    [Fact]
    public async Task TrailingGarbageAfterTheTrailerIsCorrupt()
    {
        string id = await Commit(TemporaryQueue.SampleContent(3000));
        File.AppendAllText(PathOf(id), "\n");

        AssertCorrupt(id);
    }

    [Fact]
    public async Task EveryFlippedByteOfEnvelopeOrTrailerIsCorrupt()
    {
        byte[] content = TemporaryQueue.SampleContent(500);
        string id = await Commit(content);
        byte[] original = File.ReadAllBytes(PathOf(id));

        for (int position = content.Length; position < original.Length; position++)
        {
            byte[] damaged = (byte[])original.Clone();
            damaged[position] ^= 0x04;
            File.WriteAllBytes(PathOf(id), damaged);

            var (message, problem) = ReadBack(id);

            Assert.True(message is null, $"flipped byte at {position} went unnoticed");
            Assert.False(string.IsNullOrEmpty(problem));
        }
    }

    [Fact]
    public async Task FlippedByteInTheEnvelopeFailsTheChecksum()
    {
        byte[] content = TemporaryQueue.SampleContent(500);
        string id = await Commit(content);
        byte[] file = File.ReadAllBytes(PathOf(id));
        int recipientLine = content.Length + Encoding.ASCII.GetString(file[content.Length..]).IndexOf("bob@", StringComparison.Ordinal);
        file[recipientLine] = (byte)'r'; // still a well-formed envelope: only the checksum can tell

        File.WriteAllBytes(PathOf(id), file);

        Assert.Contains("checksum", AssertCorrupt(id));
    }

    [Fact]
    public async Task ListingReportsACorruptFileBesideTheGoodOnes()
    {
        string good = await Commit(TemporaryQueue.SampleContent(100));
        clock.Advance(TimeSpan.FromSeconds(1));
        string bad = await Commit(TemporaryQueue.SampleContent(100));
        using (var file = new FileStream(PathOf(bad), FileMode.Open))
        {
            file.SetLength(file.Length - 1);
        }

        var listing = new SpoolReader(queue.Directory).List(QueueFolder.Active);

        Assert.Equal([good], listing.Messages.Select(m => m.Id));
        Assert.Equal([bad], listing.Corrupt.Select(c => c.Id));
        Assert.True(File.Exists(PathOf(bad)));
    }

    [Fact]
    public void MissingQueueFileIsReportedAsMissing()
    {
        string id = new QueueIdGenerator(clock).Next();

        var (message, problem) = ReadBack(id);

        Assert.Null(message);
        Assert.Contains("missing", problem);
    }

    private string AssertCorrupt(string id)
    {
        var (message, problem) = ReadBack(id);
        Assert.Null(message);
        Assert.False(string.IsNullOrEmpty(problem));
        var listing = new SpoolReader(queue.Directory).List(QueueFolder.Active);
        Assert.Empty(listing.Messages);
        Assert.Equal((id, problem), (Assert.Single(listing.Corrupt).Id, listing.Corrupt[0].Problem));
        return problem;
    }
}
