using Relaybox.Smtp.Queue;
using Relaybox.Smtp.Queue.Delivery;

namespace Relaybox.Smtp.Delivery.Manager;

/// <summary>Where a message stands after an attempt: its new place and saved state, or <see cref="Removed"/> when it is done.</summary>
internal sealed record AttemptOutcome(QueuedMessage Message, DeliveryState State, bool Removed);
