using Relaybox.Smtp.Protocol;
using Relaybox.Smtp.Queue;
using Relaybox.Smtp.Storage;

namespace Relaybox.Smtp.Tests.Queue;

/// <summary>A queue directory under /tmp, created and recovered as at start, removed with the test.</summary>
internal sealed class TemporaryQueue : IDisposable
{
    public TemporaryQueue()
    {
        // The queue's parent is fsynced when the queue is created, so it must be a directory of our own.
        Parent = Path.Combine(Path.GetTempPath(), "relaybox-queue-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Parent);
        Root = Path.Combine(Parent, "queue");
        Directory = new QueueDirectory(Root, DirectoryFsyncFileSystem.Instance);
        Directory.EnsureCreated();
    }

    public string Parent { get; }

    public string Root { get; }

    public QueueDirectory Directory { get; }

    /// <summary>The same queue seen through another file system (a faulty one).</summary>
    public QueueDirectory Through(IFileSystem fileSystem) => new(Root, fileSystem);

    public string[] FilesIn(string folderPath) =>
        [.. System.IO.Directory.EnumerateFiles(folderPath).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    public string[] AllFiles() =>
        [.. System.IO.Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(Root, p)).Order(StringComparer.Ordinal)];

    public static Envelope SampleEnvelope(DateTimeOffset receivedAt) => new(
        ReversePath: "scanner@example.com",
        Recipients:
        [
            new EnvelopeRecipient("bob@example.net", DsnNotify.Failure | DsnNotify.Delay, "rfc822;bob@example.net"),
            new EnvelopeRecipient("root", DsnNotify.Default, null),
        ],
        Body: BodyType.EightBitMime,
        SmtpUtf8: false,
        Return: DsnReturn.Headers,
        EnvelopeId: "QQ314159",
        AuthenticatedLogin: "scanner",
        ClientAddress: "192.168.1.20",
        HeloName: "scanner.lan",
        ReceivedAt: receivedAt);

    /// <summary>Content of <paramref name="length"/> bytes that differs at every position from a shifted copy.</summary>
    public static byte[] SampleContent(int length)
    {
        byte[] content = new byte[length];
        for (int i = 0; i < length; i++)
        {
            content[i] = (byte)((i * 7 + i / 251) & 0xFF);
        }

        return content;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Parent, recursive: true);
        }
        catch (IOException)
        {
            // A leftover directory under /tmp does not make a test wrong.
        }
    }
}
