namespace Relaybox.Smtp.Queue;

/// <summary>A complete message in the queue, as the queue manager and the console see it.</summary>
/// <param name="Size">Length of the message content in bytes.</param>
/// <param name="ArrivalTime">When the server accepted it (the envelope's ReceivedAt).</param>
public sealed record QueuedMessage(
    string Id,
    QueueFolder Folder,
    Envelope Envelope,
    long Size,
    DateTimeOffset ArrivalTime,
    string MessagePath);
