using System.Security.Cryptography;
using Relaybox.Smtp.Delivery.Routing;
using Relaybox.Smtp.Protocol;
using Relaybox.Smtp.Queue;
using Relaybox.Smtp.Storage;
using Serilog;

namespace Relaybox.Smtp.Delivery.Alerts;

/// <summary>
/// Tells the owner about delivery problems once per episode: one log line when an alert is raised and one
/// when it is resolved, the set of raised alerts for the LEDs and the console (<see cref="Active"/>,
/// <see cref="Changed"/>, and the state file), and one mail to the admin — at most one per kind in
/// <see cref="OwnerAlertOptions.MailInterval"/>. Repeated observations of a raised problem do nothing.
/// Thread-safe: delivery attempts report concurrently.
/// </summary>
public sealed class OwnerAlerts : IOwnerAlerts
{
    /// <summary>A reason longer than this is cut (with "..."): one readable line in the log, the mail and the console.</summary>
    public const int MaxDetailLength = 500;

    /// <summary>The envelope's client address for mail relaybox writes itself: the loopback, i.e. "from this machine".</summary>
    public const string LocalClientAddress = "127.0.0.1";

    private static readonly AlertKind[] RouteKinds =
    [
        AlertKind.SmarthostLoginRefused,
        AlertKind.SmarthostCertificateRejected,
        AlertKind.SmarthostUnreachable,
        AlertKind.OutboundPortBlocked,
    ];

    private readonly OwnerAlertOptions _options;
    private readonly IMessageSpool _spool;
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private readonly SafeFile _safeFile;
    private readonly Lock _gate = new();

    // Guarded by _gate.
    private readonly List<Alert> _active = [];
    private readonly Dictionary<AlertKind, DateTimeOffset> _lastMailed = [];
    private readonly Dictionary<AlertKind, (DateTimeOffset First, int Seen)> _unconfirmed = [];
    private bool _toldNoAdmin;

    private Alert[] _snapshot = [];

    public OwnerAlerts(OwnerAlertOptions options, IMessageSpool spool, ILogger log, TimeProvider time)
        : this(options, spool, log, time, SafeFile.Default)
    {
    }

    /// <param name="safeFile">How the state file is written (a faulty file system in tests).</param>
    public OwnerAlerts(OwnerAlertOptions options, IMessageSpool spool, ILogger log, TimeProvider time, SafeFile safeFile)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(spool);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(safeFile);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.HostName);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.StateFile);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RouteProblemPersistsFor, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MailInterval, TimeSpan.Zero);
        if (options.QueueStuckAfter is { } stuckAfter)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(stuckAfter, TimeSpan.Zero);
        }

        _options = options;
        _spool = spool;
        _log = log;
        _time = time;
        _safeFile = safeFile;
        Restore();
    }

    /// <summary>The alerts raised and not cleared, oldest first: an immutable snapshot.</summary>
    public IReadOnlyList<Alert> Active => Volatile.Read(ref _snapshot);

    /// <summary>
    /// Raised after the set of alerts changed (outside any lock, on the thread that changed it). Handlers read
    /// <see cref="Active"/>, which is always the latest state, so events that overtake each other do no harm.
    /// </summary>
    public event Action? Changed;

    public void ObserveRoute(RouteCondition condition, string detail)
    {
        switch (condition)
        {
            case RouteCondition.Healthy:
                Update(raise: null, detail, clear: RouteKinds, mustPersist: false);
                break;

            // A problem further along the dialogue proves the steps before it work: a host that presents a
            // certificate, or refuses a login, was reached.
            case RouteCondition.SmarthostLoginRefused:
                Update(AlertKind.SmarthostLoginRefused, detail, [AlertKind.SmarthostUnreachable, AlertKind.SmarthostCertificateRejected], mustPersist: false);
                break;
            case RouteCondition.SmarthostCertificateRejected:
                Update(AlertKind.SmarthostCertificateRejected, detail, [AlertKind.SmarthostUnreachable], mustPersist: false);
                break;
            case RouteCondition.SmarthostUnreachable:
                Update(AlertKind.SmarthostUnreachable, detail, [], mustPersist: true);
                break;
            case RouteCondition.OutboundPortBlocked:
                Update(AlertKind.OutboundPortBlocked, detail, [], mustPersist: true);
                break;
            default:
                // Unknown: nothing about the route itself (a domain without mail servers, a DNS failure for it).
                break;
        }
    }

    public void ObserveOldestWaiting(DateTimeOffset? arrivalTime) => ObserveQueue(arrivalTime, waiting: null);

    /// <summary>
    /// Like <see cref="ObserveOldestWaiting"/>, with the number of messages waiting for the alert's reason
    /// (null: not known).
    /// </summary>
    public void ObserveQueue(DateTimeOffset? oldestArrival, int? waiting)
    {
        DateTimeOffset now = _time.GetUtcNow();
        if (_options.QueueStuckAfter is not { } limit || oldestArrival is not { } arrival || now - arrival < limit)
        {
            Update(raise: null, string.Empty, [AlertKind.QueueStuck], mustPersist: false);
            return;
        }

        // Already raised: the scheduler reports on every pass, and the reason stays the one of the raise.
        if (Active.Any(alert => alert.Kind == AlertKind.QueueStuck))
        {
            return;
        }

        string count = waiting switch
        {
            null => string.Empty,
            1 => "1 message waiting; ",
            _ => $"{waiting.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)} messages waiting; ",
        };
        string detail = count + "the oldest arrived " + OwnerAlertFile.FormatTime(arrival) + " and has waited " +
                        Durations.Describe(now - arrival) + " (alert after " + Durations.Describe(limit) + ")";
        Update(AlertKind.QueueStuck, detail, [], mustPersist: false, since: arrival + limit);
    }

    private void Update(AlertKind? raise, string detail, IReadOnlyList<AlertKind> clear, bool mustPersist, DateTimeOffset? since = null)
    {
        Alert? toMail = null;
        DateTimeOffset? mailedBefore = null;
        bool changed = false;
        DateTimeOffset now = _time.GetUtcNow();
        lock (_gate)
        {
            foreach (AlertKind kind in clear)
            {
                _unconfirmed.Remove(kind);
                int index = _active.FindIndex(alert => alert.Kind == kind);
                if (index >= 0)
                {
                    Alert resolved = _active[index];
                    _active.RemoveAt(index);
                    changed = true;
                    _log.Information("Alert resolved after {Duration}: {Problem}", Durations.Describe(now - resolved.Since), Title(kind));
                }
            }

            if (raise is { } raised && !_active.Exists(alert => alert.Kind == raised) && Confirmed(raised, mustPersist, now, ref since))
            {
                var alert = new Alert(raised, since ?? now, Bound(detail));
                int position = _active.FindIndex(other => other.Since > alert.Since);
                _active.Insert(position < 0 ? _active.Count : position, alert);
                changed = true;
                _log.Write(
                    AlertAdvice.LogLevel(raised),
                    "Alert {Alert}: {Problem}. Reason: {Detail}. What to do: {Advice} {CommandIntro} {Command}",
                    AlertAdvice.Token(raised),
                    Title(raised),
                    alert.Detail,
                    AlertAdvice.WhatToDo(raised, _options.PasswordFile),
                    AlertAdvice.CommandIntro(raised),
                    AlertAdvice.Command(raised));
                if (MayMail(raised, now))
                {
                    toMail = alert;
                    mailedBefore = _lastMailed.TryGetValue(raised, out var last) ? last : null;
                    _lastMailed[raised] = now;
                }
            }

            if (changed)
            {
                Volatile.Write(ref _snapshot, [.. _active]);
                SaveLocked();
            }
        }

        if (toMail is not null && !QueueMail(toMail, now))
        {
            ForgetMail(toMail.Kind, now, mailedBefore);
        }

        if (changed)
        {
            NotifyChanged();
        }
    }

    /// <summary>A failing listener (an LED driver) must not fail the delivery attempt that reported.</summary>
    private void NotifyChanged()
    {
        try
        {
            Changed?.Invoke();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _log.Error(e, "An alert listener failed");
        }
    }

    /// <summary>
    /// Whether an observed problem counts yet. Route problems that may pass on their own must be seen on two
    /// attempts in a row at least <see cref="OwnerAlertOptions.RouteProblemPersistsFor"/> apart; the alert's
    /// time is then the first of them. A healthy attempt between resets the count (see the clear list).
    /// </summary>
    private bool Confirmed(AlertKind kind, bool mustPersist, DateTimeOffset now, ref DateTimeOffset? since)
    {
        if (!mustPersist)
        {
            return true;
        }

        if (!_unconfirmed.TryGetValue(kind, out var seen))
        {
            _unconfirmed[kind] = (now, 1);
            return false;
        }

        seen = (seen.First, seen.Seen + 1);
        if (seen.Seen >= 2 && now - seen.First >= _options.RouteProblemPersistsFor)
        {
            _unconfirmed.Remove(kind);
            since = seen.First;
            return true;
        }

        _unconfirmed[kind] = seen;
        return false;
    }

    /// <summary>One mail per kind per interval. A last mail "in the future" means the clock was set back (a board without a real-time clock): not a reason to stay silent.</summary>
    private bool MayMail(AlertKind kind, DateTimeOffset now)
    {
        if (_options.AdminAddress is null)
        {
            if (!_toldNoAdmin)
            {
                _toldNoAdmin = true;
                _log.Warning("No admin address is set ([rewrite] admin): alerts are logged and shown, but not mailed");
            }

            return false;
        }

        if (_lastMailed.TryGetValue(kind, out var last) && now >= last && now - last < _options.MailInterval)
        {
            _log.Information(
                "Not mailing the admin about {Alert} again: the last mail about it was queued at {LastMailed}",
                AlertAdvice.Token(kind),
                OwnerAlertFile.FormatTime(last));
            return false;
        }

        return true;
    }

    /// <summary>
    /// Queues the mail like any accepted message: null reverse-path (RFC 5321 section 4.5.5, so that no
    /// bounce answers it), one recipient. Runs on the calling thread; it happens once per episode and costs
    /// the two fsyncs of any queued message.
    /// </summary>
    private bool QueueMail(Alert alert, DateTimeOffset now)
    {
        string admin = _options.AdminAddress!;
        var mail = AlertMail.Build(alert, _options, admin, now, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        var envelope = new Envelope(
            ReversePath: string.Empty,
            Recipients: [new EnvelopeRecipient(admin, DsnNotify.Default, null)],
            Body: mail.EightBit ? BodyType.EightBitMime : BodyType.SevenBit,
            SmtpUtf8: mail.SmtpUtf8,
            Return: DsnReturn.Unspecified,
            EnvelopeId: null,
            AuthenticatedLogin: null,
            ClientAddress: LocalClientAddress,
            HeloName: _options.HostName,
            ReceivedAt: now);
        try
        {
            string id = WriteAsync(mail.Content, envelope).AsTask().GetAwaiter().GetResult();
            _log.Information("Alert mail {QueueId} about {Alert} queued for {Admin}", id, AlertAdvice.Token(alert.Kind), admin);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _log.Error("Could not queue the alert mail about {Alert} for {Admin}: {Error}", AlertAdvice.Token(alert.Kind), admin, e.Message);
            return false;
        }
    }

    private async ValueTask<string> WriteAsync(byte[] content, Envelope envelope)
    {
        await using IncomingMessage message = _spool.Create();
        await message.WriteAsync(content, CancellationToken.None).ConfigureAwait(false);
        await message.CommitAsync(envelope, CancellationToken.None).ConfigureAwait(false);
        return message.Id;
    }

    /// <summary>A mail that could not be queued does not count against the rate limit: the next episode tries again.</summary>
    private void ForgetMail(AlertKind kind, DateTimeOffset attempted, DateTimeOffset? before)
    {
        lock (_gate)
        {
            if (!_lastMailed.TryGetValue(kind, out var recorded) || recorded != attempted)
            {
                return;
            }

            if (before is { } previous)
            {
                _lastMailed[kind] = previous;
            }
            else
            {
                _lastMailed.Remove(kind);
            }

            SaveLocked();
        }
    }

    private void SaveLocked()
    {
        var state = new OwnerAlertState([.. _active], new Dictionary<AlertKind, DateTimeOffset>(_lastMailed));
        try
        {
            OwnerAlertFile.Save(_options.StateFile, state, _safeFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The alert still stands in memory, the log and the LEDs; only a restart would forget it.
            _log.Warning("Could not save the alert state to {StateFile}: {Error}", _options.StateFile, e.Message);
        }
    }

    private void Restore()
    {
        OwnerAlertState state = OwnerAlertFile.Read(_options.StateFile);
        if (state.Problem is { } problem)
        {
            _log.Warning("Alert state file is damaged, starting with no alerts: {Problem}", problem);
            return;
        }

        _active.AddRange(state.Active.OrderBy(alert => alert.Since));
        foreach (var (kind, time) in state.LastMailed)
        {
            _lastMailed[kind] = time;
        }

        _snapshot = [.. _active];
        if (_active.Count > 0)
        {
            _log.Information(
                "Alerts still raised from before the restart: {Alerts}",
                string.Join(", ", _active.Select(alert => AlertAdvice.Token(alert.Kind))));
        }
    }

    /// <summary>The subject without the product name: "the smarthost refused relaybox's login".</summary>
    private static string Title(AlertKind kind) => AlertAdvice.Subject(kind)["relaybox: ".Length..];

    private static string Bound(string detail)
    {
        string oneLine = detail.ReplaceLineEndings(" ").Trim();
        if (oneLine.Length == 0)
        {
            return "(no details)";
        }

        return oneLine.Length <= MaxDetailLength ? oneLine : string.Concat(oneLine.AsSpan(0, MaxDetailLength - 3), "...");
    }
}
