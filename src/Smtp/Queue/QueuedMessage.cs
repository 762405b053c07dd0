namespace Relaybox.Smtp.Queue;

/// <summary>A complete message in the queue, as the queue manager, delivery and the console see it.</summary>
/// <param name="Size">Length of the message content in bytes (the queue file also holds envelope and trailer).</param>
/// <param name="ArrivalTime">When the server accepted it (the envelope's ReceivedAt).</param>
/// <param name="FilePath">The queue file ("&lt;id&gt;.q"); its first <paramref name="Size"/> bytes are the content.</param>
public sealed record QueuedMessage(
    string Id,
    QueueFolder Folder,
    Envelope Envelope,
    long Size,
    DateTimeOffset ArrivalTime,
    string FilePath)
{
    /// <summary>
    /// Opens the content exactly as received: a read-only, seekable stream of <see cref="Size"/> bytes over the
    /// queue file, without copying it. The caller disposes it. The open file survives a move or removal of
    /// the message (POSIX keeps the inode while it is open); throws <see cref="IOException"/> when the file
    /// is already gone.
    /// </summary>
    public Stream OpenContent() => QueueContentStream.Open(FilePath, Size);
}
