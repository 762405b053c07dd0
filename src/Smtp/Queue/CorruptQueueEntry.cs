namespace Relaybox.Smtp.Queue;

/// <summary>
/// A message whose envelope cannot be read, or whose content is missing. It is left where it is for the
/// admin to inspect: accepted mail is never deleted because a file looked odd.
/// </summary>
public sealed record CorruptQueueEntry(string Id, QueueFolder Folder, string EnvelopePath, string Problem);
