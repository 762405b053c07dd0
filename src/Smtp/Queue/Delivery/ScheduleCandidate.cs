namespace Relaybox.Smtp.Queue.Delivery;

/// <summary>One queued message as the scheduler sees it.</summary>
/// <param name="Destination">
/// What the per-destination limit counts: the relayhost for smarthost delivery, the recipient domain for MX
/// delivery (compared without regard to ASCII case, as domains are, RFC 5321 section 2.4).
/// </param>
/// <param name="InProgress">An attempt is running now: it counts against the limits and is not started again.</param>
public sealed record ScheduleCandidate(
    string Id,
    DateTimeOffset ArrivalTime,
    DeliveryState State,
    string Destination,
    bool InProgress = false);
