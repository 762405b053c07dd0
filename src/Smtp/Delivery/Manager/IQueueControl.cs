namespace Relaybox.Smtp.Delivery.Manager;

/// <summary>
/// What "relaybox queue flush|hold|release|delete" asks of a running daemon: the queue manager carries the
/// change out itself, so it never races an attempt in progress (a message being delivered is held or deleted
/// as soon as its attempt ends). <paramref name="target"/> is a queue id or "all".
/// </summary>
public interface IQueueControl
{
    /// <summary>Makes every deferred message due now.</summary>
    Task<QueueControlResult> FlushAsync(CancellationToken cancellationToken);

    Task<QueueControlResult> HoldAsync(string target, CancellationToken cancellationToken);

    Task<QueueControlResult> ReleaseAsync(string target, CancellationToken cancellationToken);

    Task<QueueControlResult> DeleteAsync(string target, CancellationToken cancellationToken);
}
