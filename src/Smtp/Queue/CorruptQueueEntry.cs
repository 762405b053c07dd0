namespace Relaybox.Smtp.Queue;

/// <summary>
/// A queue file that cannot be read: trailer missing or damaged, checksum mismatch, envelope that does not
/// parse. It is left where it is for the admin to inspect: accepted mail is never deleted because a file
/// looked odd.
/// </summary>
public sealed record CorruptQueueEntry(string Id, QueueFolder Folder, string FilePath, string Problem);
