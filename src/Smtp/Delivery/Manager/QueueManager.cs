using System.Threading.Channels;
using Relaybox.Smtp.Queue;
using Relaybox.Smtp.Queue.Delivery;
using Serilog;

namespace Relaybox.Smtp.Delivery.Manager;

/// <summary>
/// Delivers the queue: keeps an index of the messages in active/ and deferred/ with their delivery state,
/// starts due messages within the concurrency limits (<see cref="QueueScheduler"/>), runs each attempt
/// (<see cref="MessageDelivery"/>), and sleeps until a message is committed (<see cref="Enqueue"/>), an attempt
/// ends, a queue command arrives, or the earliest retry comes due. Queue commands from a running daemon go
/// through here (<see cref="IQueueControl"/>), so a message is never moved under an attempt in progress.
/// </summary>
public sealed class QueueManager : IQueueControl, IAsyncDisposable
{
    private readonly QueueDirectory directory;
    private readonly DeliveryStateStore states;
    private readonly SpoolReader reader;
    private readonly ILogger log;
    private readonly TimeProvider time;
    private readonly Lock gate = new();
    private readonly Dictionary<string, QueueEntry> entries = new(StringComparer.Ordinal);
    private readonly HashSet<Task> running = [];
    private readonly System.Collections.Concurrent.ConcurrentQueue<QueuedMessage> committed = new();
    private readonly Channel<bool> wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource stopping = new();
    private readonly CancellationTokenSource abort = new();
    private static readonly TimeSpan QueueReportInterval = TimeSpan.FromSeconds(1);
    private ActiveSetup setup;
    private DateTimeOffset lastQueueReport = DateTimeOffset.MinValue;
    private Task? loop;
    private DeliveryProblem? lastProblem;

    public QueueManager(QueueDirectory directory, DeliverySetup setup, ILogger log, TimeProvider time)
    {
        this.directory = directory;
        states = new DeliveryStateStore(directory);
        reader = new SpoolReader(directory);
        this.log = log;
        this.time = time;
        this.setup = Activate(setup);
    }

    /// <summary>
    /// Raised after an attempt in which the upstream accepted at least one recipient (the activity LED flashes
    /// on it). Handlers run on the attempt's thread and must not block.
    /// </summary>
    public event Action? Delivered;

    /// <summary>The most recent recipient an attempt deferred or failed (since start); null when every attempt delivered.</summary>
    public DeliveryProblem? LastProblem => Volatile.Read(ref lastProblem);

    /// <summary>Reads active/ and deferred/ (after <see cref="SpoolRecovery"/>) and starts delivering.</summary>
    public void Start()
    {
        foreach (var folder in (ReadOnlySpan<QueueFolder>)[QueueFolder.Active, QueueFolder.Deferred])
        {
            var listing = reader.List(folder);
            foreach (var message in listing.Messages)
            {
                if (LoadState(message) is { } state)
                {
                    lock (gate)
                    {
                        entries[message.Id] = new QueueEntry(message, state, DestinationOf(message, state));
                    }
                }
            }
        }

        if (!setup.Setup.Options.Deliver)
        {
            log.Warning("delivery is off ([queue] deliver = no): accepted mail stays in the queue");
        }

        loop = Task.Run(RunAsync);
    }

    /// <summary>
    /// A message was just committed to active/: deliver it as soon as the limits allow. Called on the SMTP
    /// session's path before its 250, so it only notes the message; the manager's loop indexes it.
    /// </summary>
    public void Enqueue(QueuedMessage message)
    {
        committed.Enqueue(message);
        Wake();
    }

    /// <summary>Indexes the messages committed since the last look; runs on the manager's loop.</summary>
    private void TakeCommitted()
    {
        while (committed.TryDequeue(out var message))
        {
            var state = DeliveryState.Fresh(message.Envelope);
            lock (gate)
            {
                entries.TryAdd(message.Id, new QueueEntry(message, state, DestinationOf(message, state)));
            }
        }
    }

    /// <summary>Takes a new configuration: attempts already running finish with the previous one.</summary>
    public void UpdateSetup(DeliverySetup fresh)
    {
        var previous = Volatile.Read(ref setup).Setup;
        bool wasOn = previous.Options.Deliver;
        Volatile.Write(ref setup, Activate(fresh));
        if (previous.Client is { } oldClient && !ReferenceEquals(oldClient, fresh.Client))
        {
            // Attempts still running on it finish normally; only its kept idle connections are closed.
            _ = oldClient.DisposeAsync().AsTask();
        }

        if (wasOn != fresh.Options.Deliver)
        {
            log.Information("delivery is now {State}", fresh.Options.Deliver ? "on" : "off ([queue] deliver = no)");
        }

        Wake();
    }

    public QueueSummary Summary()
    {
        int held = reader.List(QueueFolder.Hold).Messages.Count;
        lock (gate)
        {
            return new QueueSummary(entries.Count, entries.Values.Count(e => e.Message.Folder == QueueFolder.Deferred),
                entries.Values.Count(e => e.InProgress), held, OldestArrival(), Volatile.Read(ref setup).Setup.Options.Deliver);
        }
    }

    /// <summary>Stops starting attempts, lets running ones finish for up to <paramref name="drain"/>, then cancels them.</summary>
    public async Task StopAsync(TimeSpan drain)
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        if (loop is not null)
        {
            await loop.ConfigureAwait(false);
        }

        Task[] left;
        lock (gate)
        {
            left = [.. running];
        }

        if (left.Length > 0)
        {
            log.Information("waiting up to {DrainSeconds} s for {Count} deliveries in progress", drain.TotalSeconds, left.Length);
            var all = Task.WhenAll(left);
            if (await Task.WhenAny(all, Task.Delay(drain, time)).ConfigureAwait(false) != all)
            {
                await abort.CancelAsync().ConfigureAwait(false);
                await all.ConfigureAwait(false);
            }
        }

        if (Volatile.Read(ref setup).Setup.Client is { } client)
        {
            await client.DisposeAsync().ConfigureAwait(false); // QUIT on the connections kept for reuse
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!stopping.IsCancellationRequested)
        {
            await StopAsync(TimeSpan.Zero).ConfigureAwait(false);
        }

        stopping.Dispose();
        abort.Dispose();
    }

    public Task<QueueControlResult> FlushAsync(CancellationToken cancellationToken)
    {
        if (!Volatile.Read(ref setup).Setup.Options.Deliver)
        {
            return Task.FromResult(new QueueControlResult([], "delivery is off ([queue] deliver = no); nothing is sent"));
        }

        var changed = new List<string>();
        lock (gate)
        {
            foreach (var entry in entries.Values.Where(e => !e.InProgress && e.State.NextAttempt is not null))
            {
                entry.State = entry.State with { NextAttempt = null };
                changed.Add(entry.Id);
            }
        }

        log.Information("queue flush: {Count} deferred messages due now", changed.Count);
        Wake();
        return Task.FromResult(new QueueControlResult(changed));
    }

    public Task<QueueControlResult> HoldAsync(string target, CancellationToken cancellationToken) =>
        Task.FromResult(ChangeWaiting(target, PendingControl.Hold, "held"));

    public Task<QueueControlResult> DeleteAsync(string target, CancellationToken cancellationToken)
    {
        var result = ChangeWaiting(target, PendingControl.Delete, "deleted");
        var fromHold = HeldMatching(target);
        foreach (var message in fromHold)
        {
            directory.Remove(message.Id, QueueFolder.Hold);
            log.Information("{QueueId}: deleted from hold by queue command", message.Id);
        }

        var changed = result.Changed.Concat(fromHold.Select(m => m.Id)).ToList();
        return Task.FromResult(changed.Count > 0 ? new QueueControlResult(changed) : result);
    }

    public Task<QueueControlResult> ReleaseAsync(string target, CancellationToken cancellationToken)
    {
        if (TargetProblem(target) is { } problem)
        {
            return Task.FromResult(new QueueControlResult([], problem));
        }

        var released = new List<string>();
        foreach (var held in HeldMatching(target))
        {
            directory.Move(held.Id, QueueFolder.Hold, QueueFolder.Active);
            var message = held with { Folder = QueueFolder.Active, FilePath = directory.QueueFilePath(QueueFolder.Active, held.Id) };
            if (LoadState(message) is not { } state)
            {
                continue;
            }

            state = state with { NextAttempt = null, HeldReason = null };
            lock (gate)
            {
                entries[message.Id] = new QueueEntry(message, state, DestinationOf(message, state));
            }

            released.Add(message.Id);
            log.Information("{QueueId}: released from hold by queue command", message.Id);
        }

        Wake();
        return Task.FromResult(released.Count > 0 || target == "all"
            ? new QueueControlResult(released)
            : new QueueControlResult([], $"no message {target} that can be released"));
    }

    private QueueControlResult ChangeWaiting(string target, PendingControl change, string done)
    {
        if (TargetProblem(target) is { } problem)
        {
            return new QueueControlResult([], problem);
        }

        var changed = new List<string>();
        lock (gate)
        {
            foreach (var entry in entries.Values.Where(e => target == "all" || e.Id == target).ToList())
            {
                changed.Add(entry.Id);
                if (entry.InProgress)
                {
                    entry.Pending = change; // carried out when the attempt ends
                    log.Information("{QueueId}: will be {Done} when its delivery attempt ends", entry.Id, done);
                }
                else
                {
                    Apply(entry, change);
                }
            }
        }

        return changed.Count > 0 || target == "all"
            ? new QueueControlResult(changed)
            : new QueueControlResult([], $"no message {target} that can be {done}");
    }

    /// <summary>Carries out a hold or delete; the caller holds the lock and the entry has no attempt running.</summary>
    private void Apply(QueueEntry entry, PendingControl change)
    {
        if (change == PendingControl.Hold)
        {
            directory.Move(entry.Id, entry.Message.Folder, QueueFolder.Hold);
        }
        else
        {
            directory.Remove(entry.Id, entry.Message.Folder);
        }

        entries.Remove(entry.Id);
        log.Information("{QueueId}: {Done} by queue command", entry.Id, change == PendingControl.Hold ? "held" : "deleted");
    }

    private List<QueuedMessage> HeldMatching(string target) => TargetProblem(target) is null
        ? [.. reader.List(QueueFolder.Hold).Messages.Where(m => target == "all" || m.Id == target)]
        : [];

    private static string? TargetProblem(string target) =>
        target == "all" || QueueIdGenerator.IsValid(target) ? null : $"\"{target}\" is not a queue id (see relaybox queue list) or all";

    private async Task RunAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TakeCommitted();
            var current = Volatile.Read(ref setup);
            DateTimeOffset now = time.GetUtcNow();
            DateTimeOffset? nextWake = null;
            lock (gate)
            {
                if (current.Setup.Options.Deliver)
                {
                    var plan = QueueScheduler.Plan(entries.Values.Select(e => e.ToCandidate()), now, current.Setup.Options.Limits);
                    nextWake = plan.NextWake;
                    foreach (var candidate in plan.Start)
                    {
                        StartAttempt(entries[candidate.Id], current);
                    }
                }
            }

            ReportQueue(current, now);
            TimeSpan sleep = current.Setup.Options.MaxIdle;
            if (nextWake is { } wakeAt && wakeAt - now < sleep)
            {
                sleep = wakeAt - now < TimeSpan.Zero ? TimeSpan.Zero : wakeAt - now;
            }

            await WaitForWakeAsync(sleep).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Tells the owner alerts about the oldest waiting message, at most once a second: the stuck-queue threshold
    /// is minutes or hours, and a pass over a large queue at every commit would cost more than the check is worth.
    /// </summary>
    private void ReportQueue(ActiveSetup current, DateTimeOffset now)
    {
        if (current.Setup.Alerts is not { } alerts || now - lastQueueReport < QueueReportInterval)
        {
            return;
        }

        lastQueueReport = now;
        DateTimeOffset? oldest;
        int waiting;
        lock (gate)
        {
            oldest = OldestArrival();
            waiting = entries.Count;
        }

        alerts.ObserveQueue(current.Setup.Options.Deliver ? oldest : null, waiting);
    }

    /// <summary>Arrival of the oldest message the manager knows; the caller holds the lock.</summary>
    private DateTimeOffset? OldestArrival() => entries.Count == 0 ? null : entries.Values.Min(e => e.Message.ArrivalTime);

    /// <summary>Starts one attempt; the caller holds the lock.</summary>
    private void StartAttempt(QueueEntry entry, ActiveSetup current)
    {
        entry.InProgress = true;
        var message = entry.Message;
        var state = entry.State;
        Task attempt = null!;
        attempt = Task.Run(async () =>
        {
            AttemptOutcome? outcome = null;
            try
            {
                outcome = await current.Delivery.RunAsync(message, state, abort.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (abort.IsCancellationRequested)
            {
                log.Information("{QueueId}: delivery interrupted by shutdown; it is tried again at the next start", message.Id);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or DeliveryStateFormatException)
            {
                log.Error("{QueueId}: delivery attempt failed: {Reason}", message.Id, e.Message);
            }

            Finish(entry, outcome, current);
            lock (gate)
            {
                running.Remove(attempt);
            }

            Wake();
        });
        running.Add(attempt);
    }

    private void Finish(QueueEntry entry, AttemptOutcome? outcome, ActiveSetup current)
    {
        if (outcome is not null && NewProblem(entry, outcome.State) is { } problem)
        {
            Volatile.Write(ref lastProblem, problem);
        }

        if (outcome is not null && DeliveredCount(outcome.State) > DeliveredCount(entry.State))
        {
            try
            {
                Delivered?.Invoke();
            }
            catch (Exception e) when (e is InvalidOperationException or IOException)
            {
                log.Warning("activity indicator failed: {Reason}", e.Message); // an LED never stops delivery
            }
        }

        lock (gate)
        {
            entry.InProgress = false;
            if (outcome is { Removed: true })
            {
                entries.Remove(entry.Id);
                return;
            }

            if (outcome is not null)
            {
                entry.Message = outcome.Message;
                entry.State = outcome.State;
            }
            else if (!File.Exists(entry.Message.FilePath))
            {
                entries.Remove(entry.Id);
                log.Warning("{QueueId}: its queue file is gone; forgotten", entry.Id);
                return;
            }
            else
            {
                // Nothing could be recorded (e.g. the disk is full): try again after the first backoff, not in a loop.
                entry.State = entry.State with { NextAttempt = time.GetUtcNow() + current.Setup.Options.Retry.MinBackoff };
            }

            entry.Destination = DestinationOf(entry.Message, entry.State);
            if (entry.Pending != PendingControl.None)
            {
                try
                {
                    Apply(entry, entry.Pending);
                }
                catch (IOException e)
                {
                    log.Error("{QueueId}: queue command could not be carried out: {Reason}", entry.Id, e.Message);
                }

                entry.Pending = PendingControl.None;
            }
        }
    }

    /// <summary>The last recipient this attempt left deferred or newly failed, with the reply it got.</summary>
    private DeliveryProblem? NewProblem(QueueEntry entry, DeliveryState after)
    {
        for (int i = after.Recipients.Count - 1; i >= 0; i--)
        {
            var recipient = after.Recipients[i];
            bool newlyFailed = recipient.Status == RecipientStatus.Failed && entry.State.Recipients[i].Status != RecipientStatus.Failed;
            if (recipient.Status == RecipientStatus.Deferred || newlyFailed)
            {
                return new DeliveryProblem(time.GetUtcNow(), entry.Id, recipient.Address, recipient.RemoteHost ?? entry.Destination,
                    DeliveryProblem.ReplyOf(recipient), Final: recipient.Status == RecipientStatus.Failed);
            }
        }

        return null;
    }

    private static int DeliveredCount(DeliveryState state) => state.Recipients.Count(r => r.Status == RecipientStatus.Delivered);

    private DeliveryState? LoadState(QueuedMessage message)
    {
        try
        {
            return states.Load(message);
        }
        catch (DeliveryStateFormatException e)
        {
            // A fresh state would deliver again to recipients already served: keep the message for the admin instead.
            log.Error("{QueueId}: delivery state is damaged ({Reason}); the message is moved to hold for the admin (relaybox queue show {QueueId})",
                message.Id, e.Message, message.Id);
            directory.Move(message.Id, message.Folder, QueueFolder.Hold);
            return null;
        }
    }

    private string DestinationOf(QueuedMessage message, DeliveryState state)
    {
        var unfinished = state.UnfinishedRecipients();
        if (unfinished.Count == 0)
        {
            return "";
        }

        var current = Volatile.Read(ref setup).Setup;
        var recipients = current.Rewriter.RewriteRecipients(message.Envelope.Recipients);
        return current.Route.DestinationOf(recipients[unfinished[0]].Address);
    }

    private void Wake() => wake.Writer.TryWrite(true);

    private async Task WaitForWakeAsync(TimeSpan sleep)
    {
        using var timer = new CancellationTokenSource(sleep, time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token, timer.Token);
        try
        {
            await wake.Reader.WaitToReadAsync(timeout.Token).ConfigureAwait(false);
            wake.Reader.TryRead(out _);
        }
        catch (OperationCanceledException)
        {
            // the sleep ended or the manager is stopping: the loop condition decides
        }
    }

    private ActiveSetup Activate(DeliverySetup fresh) => new(fresh, new MessageDelivery(directory, states, fresh.Route, fresh.Rewriter,
        fresh.Bounces, new RetrySchedule(fresh.Options.Retry, time), fresh.Alerts, log, time));

    private sealed record ActiveSetup(DeliverySetup Setup, MessageDelivery Delivery);
}
