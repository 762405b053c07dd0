using Relaybox.Smtp.Delivery.Alerts;
using Relaybox.Smtp.Delivery.Bounces;
using Relaybox.Smtp.Delivery.Client;
using Relaybox.Smtp.Delivery.Rewriting;
using Relaybox.Smtp.Delivery.Routing;
using Relaybox.Smtp.Queue;
using Relaybox.Smtp.Queue.Delivery;
using Serilog;

namespace Relaybox.Smtp.Delivery.Manager;

/// <summary>
/// One delivery attempt for one message, following the no-duplicate rule of Queue/Delivery/README.md: a retry
/// is counted on disk before connecting; each destination's results are saved the moment they are known (or,
/// when they finish the message with nothing to bounce, the message is removed at once); failures are bounced
/// (and marked so) before the message may go; the message is removed only when every recipient is final. A
/// crash between two of these steps repeats at most the step it interrupted.
/// </summary>
internal sealed class MessageDelivery(
    QueueDirectory directory,
    DeliveryStateStore states,
    IDeliveryRoute route,
    MessageRewriter rewriter,
    BounceSender bounces,
    RetrySchedule schedule,
    IOwnerAlerts? alerts,
    ILogger log,
    TimeProvider time)
{
    public async Task<AttemptOutcome> RunAsync(QueuedMessage message, DeliveryState state, CancellationToken cancellationToken)
    {
        DateTimeOffset started = time.GetUtcNow();
        if (!state.IsComplete)
        {
            // A message never tried has no state file, and its first attempt writes none before it knows something:
            // a crash in the middle only leaves that attempt uncounted. On the usual path (every recipient
            // accepted, nothing to bounce) the message is removed without ever writing its state.
            bool onDisk = state.LastAttempt is not null;
            state = state.StartAttempt(started);
            if (onDisk)
            {
                states.Save(message.Folder, message.Id, state);
            }

            foreach (var group in GroupByDestination(message, state))
            {
                state = await DeliverGroupAsync(message, state, group.Key, group.Value, cancellationToken).ConfigureAwait(false);
                if (!state.IsComplete || OwesBounce(state))
                {
                    states.Save(message.Folder, message.Id, state); // from here on a crash does not repeat these results
                }
            }
        }

        DateTimeOffset now = time.GetUtcNow();
        if (!state.IsComplete && schedule.IsExpired(message.ArrivalTime, now))
        {
            state = Expire(message, state);
            states.Save(message.Folder, message.Id, state);
        }

        state = await BounceFailuresAsync(message, state, cancellationToken).ConfigureAwait(false);
        if (state.IsComplete)
        {
            directory.Remove(message.Id, message.Folder);
            log.Information("{QueueId}: removed, every recipient is done", message.Id);
            return new AttemptOutcome(message, state, Removed: true);
        }

        state = await WarnOfDelayAsync(message, state, now, cancellationToken).ConfigureAwait(false);
        state = state with { NextAttempt = schedule.NextAttempt(state, message.ArrivalTime, now) };
        states.Save(message.Folder, message.Id, state);
        if (message.Folder == QueueFolder.Active)
        {
            directory.Move(message.Id, QueueFolder.Active, QueueFolder.Deferred);
            message = message with { Folder = QueueFolder.Deferred, FilePath = directory.QueueFilePath(QueueFolder.Deferred, message.Id) };
        }

        log.Information("{QueueId}: {Unfinished} recipients deferred, next attempt {NextAttempt:yyyy-MM-dd HH:mm:ss}",
            message.Id, state.UnfinishedRecipients().Count, state.NextAttempt);
        return new AttemptOutcome(message, state, Removed: false);
    }

    private static bool OwesBounce(DeliveryState state) => state.Recipients.Any(IsOwedBounce);

    /// <summary>A failed recipient whose failure notice is not queued yet.</summary>
    private static bool IsOwedBounce(RecipientState recipient) => recipient.Status == RecipientStatus.Failed && !recipient.BounceSent;

    /// <summary>The unfinished recipients' envelope indexes by destination, in envelope order.</summary>
    private Dictionary<string, List<int>> GroupByDestination(QueuedMessage message, DeliveryState state)
    {
        var groups = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        var rewritten = rewriter.RewriteRecipients(message.Envelope.Recipients);
        foreach (int index in state.UnfinishedRecipients())
        {
            string destination = route.DestinationOf(rewritten[index].Address);
            if (!groups.TryGetValue(destination, out var indexes))
            {
                groups[destination] = indexes = [];
            }

            indexes.Add(index);
        }

        return groups;
    }

    private async Task<DeliveryState> DeliverGroupAsync(QueuedMessage message, DeliveryState state, string destination,
        List<int> indexes, CancellationToken cancellationToken)
    {
        var rewritten = await rewriter.RewriteAsync(message.Id, message.Envelope, message.OpenContent(), message.Size, cancellationToken)
            .ConfigureAwait(false);
        await using var content = rewritten.Content;
        if (rewritten.Report.ChangedAnything && state.Attempts == 1)
        {
            log.Information("{QueueId}: rewritten for delivery: {Rewrites}", message.Id, rewritten.Report.Describe());
        }

        // root and postmaster may both have become the admin: one RCPT, its result for both (RFC 5321 section 3.3
        // lets a server accept the same recipient twice, but the admin would get the message twice).
        var sent = new List<EnvelopeRecipient>();
        var sentIndex = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var origin = new int[indexes.Count];
        for (int i = 0; i < indexes.Count; i++)
        {
            var recipient = rewritten.Envelope.Recipients[indexes[i]];
            if (!sentIndex.TryGetValue(recipient.Address, out int position))
            {
                position = sent.Count;
                sentIndex[recipient.Address] = position;
                sent.Add(recipient);
            }

            origin[i] = position;
        }

        var outbound = new OutboundMessage(rewritten.Envelope with { Recipients = sent }, content, rewritten.Size);
        RouteAttempt attempt = await route.DeliverAsync(destination, outbound, cancellationToken).ConfigureAwait(false);
        alerts?.ObserveRoute(attempt.Condition, attempt.ConditionDetail);
        if (attempt.Condition is not (RouteCondition.Healthy or RouteCondition.Unknown) && attempt.ConditionDetail.Length > 0)
        {
            // Said at every attempt, not once: it explains this message's fate (the owner alert is the once-only channel).
            log.Warning("{QueueId}: {RouteProblem}", message.Id, attempt.ConditionDetail);
        }

        for (int i = 0; i < indexes.Count; i++)
        {
            var result = attempt.Result.Recipients[origin[i]];
            var recipientState = RecipientStates.FromResult(message.Envelope.Recipients[indexes[i]].Address, result, attempt.RemoteHost);
            state = state.WithRecipient(indexes[i], recipientState);
            LogResult(message, result, attempt.RemoteHost ?? $"{destination} (no host answered)");
        }

        return state;
    }

    private void LogResult(QueuedMessage message, RecipientResult result, string host)
    {
        string reply = result.Reply?.ToString() ?? result.Detail;
        switch (result.Outcome)
        {
            case RecipientOutcome.Delivered:
                log.Information("{QueueId}: delivered to {Recipient} via {Host}: {Reply}", message.Id, result.Recipient.Address, host, reply);
                break;
            case RecipientOutcome.Failed:
                log.Warning("{QueueId}: failed for {Recipient} via {Host}: {Reply}", message.Id, result.Recipient.Address, host, reply);
                break;
            default:
                log.Information("{QueueId}: deferred for {Recipient} via {Host}: {Reply}", message.Id, result.Recipient.Address, host, reply);
                break;
        }
    }

    private DeliveryState Expire(QueuedMessage message, DeliveryState state)
    {
        log.Warning("{QueueId}: gave up after {Lifetime} in the queue ([queue] max_lifetime)", message.Id,
            RecipientStates.Describe(schedule.Options.MaxLifetime));
        foreach (int index in state.UnfinishedRecipients())
        {
            state = state.WithRecipient(index, RecipientStates.Expired(state.Recipients[index], schedule.Options.MaxLifetime));
        }

        return state;
    }

    /// <summary>One notice for every failed recipient not yet bounced; saved as bounced only once the notice is queued.</summary>
    private async Task<DeliveryState> BounceFailuresAsync(QueuedMessage message, DeliveryState state, CancellationToken cancellationToken)
    {
        var owed = Enumerable.Range(0, state.Recipients.Count)
            .Where(i => IsOwedBounce(state.Recipients[i]))
            .ToList();
        if (owed.Count == 0)
        {
            return state;
        }

        var reported = owed
            .Select(i => RecipientStates.ToDsn(message.Envelope.Recipients[i], state.Recipients[i], DsnAction.Failed, state.LastAttempt, null))
            .ToList();
        await bounces.SendAsync(message, DsnReportKind.Failure, reported, cancellationToken).ConfigureAwait(false);
        foreach (int index in owed)
        {
            state = state.WithRecipient(index, state.Recipients[index] with { BounceSent = true });
        }

        states.Save(message.Folder, message.Id, state);
        return state;
    }

    private async Task<DeliveryState> WarnOfDelayAsync(QueuedMessage message, DeliveryState state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!schedule.ShouldWarn(state, message.ArrivalTime, now))
        {
            return state;
        }

        DateTimeOffset until = message.ArrivalTime + schedule.Options.MaxLifetime;
        var reported = state.UnfinishedRecipients()
            .Select(i => RecipientStates.ToDsn(message.Envelope.Recipients[i], state.Recipients[i], DsnAction.Delayed, state.LastAttempt, until))
            .ToList();
        await bounces.SendAsync(message, DsnReportKind.Delay, reported, cancellationToken).ConfigureAwait(false);
        state = state with { DelayWarningSent = true };
        states.Save(message.Folder, message.Id, state);
        return state;
    }
}
