namespace Relaybox.Smtp.Queue.Delivery;

/// <summary>
/// Decides which queued messages to start now: a pure function of the messages, their states and the time,
/// so every rule is tested without threads or a clock. A message is due when it is not held, no attempt is
/// running for it, and its next attempt time is unset (fresh) or has come. Due messages start oldest first
/// (arrival time, then id, so the order is total and stable) as long as the total and the per-destination
/// limits allow; running attempts count against both. A message that cannot start because its destination
/// is busy does not block younger messages for other destinations.
/// Complete messages (every recipient final) are due like the others: the manager still owes them their
/// bounce and removal, e.g. after a crash between the last 250 and the removal.
/// </summary>
public static class QueueScheduler
{
    public static SchedulePlan Plan(IEnumerable<ScheduleCandidate> messages, DateTimeOffset now, ConcurrencyLimits limits)
    {
        limits.Validate();
        var running = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        int runningTotal = 0;
        var due = new List<ScheduleCandidate>();
        DateTimeOffset? nextWake = null;
        foreach (var message in messages)
        {
            if (message.InProgress)
            {
                runningTotal++;
                running[message.Destination] = running.GetValueOrDefault(message.Destination) + 1;
            }
            else if (message.State.IsHeld)
            {
                continue;
            }
            else if (message.State.NextAttempt is { } next && next > now)
            {
                nextWake = nextWake is { } wake && wake <= next ? wake : next;
            }
            else
            {
                due.Add(message);
            }
        }

        due.Sort(OldestFirst);
        var start = new List<ScheduleCandidate>();
        foreach (var message in due)
        {
            if (runningTotal >= limits.Total)
            {
                break;
            }

            int forDestination = running.GetValueOrDefault(message.Destination);
            if (forDestination >= limits.PerDestination)
            {
                continue;
            }

            start.Add(message);
            runningTotal++;
            running[message.Destination] = forDestination + 1;
        }

        return new SchedulePlan(start, nextWake);
    }

    private static int OldestFirst(ScheduleCandidate left, ScheduleCandidate right)
    {
        int byArrival = left.ArrivalTime.CompareTo(right.ArrivalTime);
        return byArrival != 0 ? byArrival : string.CompareOrdinal(left.Id, right.Id);
    }
}
