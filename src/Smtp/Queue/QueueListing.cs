namespace Relaybox.Smtp.Queue;

/// <summary>The committed messages of one folder in arrival order, and the entries that could not be read.</summary>
public sealed record QueueListing(IReadOnlyList<QueuedMessage> Messages, IReadOnlyList<CorruptQueueEntry> Corrupt);
