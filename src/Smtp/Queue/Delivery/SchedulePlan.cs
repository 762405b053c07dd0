namespace Relaybox.Smtp.Queue.Delivery;

/// <summary>What the scheduler decided at one moment.</summary>
/// <param name="Start">The messages to start now, oldest first.</param>
/// <param name="NextWake">
/// The earliest time a message not started now becomes due; null when none is waiting for a time (the
/// manager then sleeps until a new message arrives or an attempt ends).
/// </param>
public sealed record SchedulePlan(IReadOnlyList<ScheduleCandidate> Start, DateTimeOffset? NextWake);
