namespace Relaybox.Smtp.Queue;

/// <summary>
/// The acceptance side of the queue: every message the SMTP server receives is written through here.
/// The queue directory must exist and have been recovered first:
/// <code>
/// var queue = new QueueDirectory(Path.Combine(dataDir, "queue"), PhysicalFileSystem.Instance);
/// queue.EnsureCreated();
/// new SpoolRecovery(queue).RecoverAfterCrash();
/// IMessageSpool spool = new Spool(queue, TimeProvider.System);
/// </code>
/// </summary>
public sealed class Spool(QueueDirectory directory, TimeProvider timeProvider) : IMessageSpool
{
    private readonly QueueIdGenerator ids = new(timeProvider);

    public QueueDirectory Directory { get; } = directory;

    /// <summary>Opens a new file in incoming/; throws <see cref="IOException"/> when that is impossible.</summary>
    public IncomingMessage Create()
    {
        string id = ids.Next();
        return new SpoolMessage(Directory, id);
    }
}
