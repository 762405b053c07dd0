namespace Relaybox.Smtp.Delivery.Manager;

/// <summary>The queue at a glance, for "relaybox status", the console and the LEDs.</summary>
/// <param name="Waiting">Messages in active/ and deferred/ (due, scheduled or being delivered).</param>
/// <param name="Deferred">Of those, the ones that have failed at least once and wait for their next attempt.</param>
/// <param name="InProgress">Attempts running now.</param>
/// <param name="Held">Messages in hold/.</param>
/// <param name="OldestArrival">Arrival of the oldest waiting message; null when none waits.</param>
public sealed record QueueSummary(int Waiting, int Deferred, int InProgress, int Held, DateTimeOffset? OldestArrival, bool DeliveryEnabled);
