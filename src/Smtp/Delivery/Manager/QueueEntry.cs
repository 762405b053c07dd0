using Relaybox.Smtp.Queue;
using Relaybox.Smtp.Queue.Delivery;

namespace Relaybox.Smtp.Delivery.Manager;

/// <summary>
/// One message the manager knows about (in active/ or deferred/), with the delivery state last saved for it.
/// Mutable fields are changed only under the manager's lock.
/// </summary>
internal sealed class QueueEntry(QueuedMessage message, DeliveryState state, string destination)
{
    public QueuedMessage Message { get; set; } = message;

    public DeliveryState State { get; set; } = state;

    /// <summary>What the per-destination limit counts: the destination of the first unfinished recipient.</summary>
    public string Destination { get; set; } = destination;

    public bool InProgress { get; set; }

    public PendingControl Pending { get; set; }

    public string Id => Message.Id;

    public ScheduleCandidate ToCandidate() => new(Message.Id, Message.ArrivalTime, State, Destination, InProgress);
}
