using Relaybox.Hardware.Gpio;

namespace Relaybox.Hardware.Indicators;

/// <summary>
/// Reads the button's line and drives a <see cref="ButtonStateMachine"/>: it waits for the next edge, and while
/// the button is held also for the next threshold on a <see cref="TimeProvider"/> timer, so a held button is
/// noticed at 5 s and 10 s without polling. Events are raised on the loop's thread; handlers must be quick and
/// must not throw (an exception ends <see cref="RunAsync"/>). Does not own the line.
/// </summary>
public sealed class ButtonMonitor
{
    private readonly IInputLine _line;
    private readonly TimeProvider _time;
    private readonly ButtonStateMachine _machine;
    private TimeSpan _anchorEdge;   // the last edge's kernel timestamp ...
    private long _anchorLocal;      // ... and the TimeProvider's timestamp when it was read

    public ButtonMonitor(IInputLine line, TimeProvider timeProvider, ButtonTimings? timings = null)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _line = line;
        _time = timeProvider;
        _machine = new ButtonStateMachine(timings ?? ButtonTimings.Default);
    }

    public event Action? ShortPress;
    public event Action? WarningStarted;
    public event Action? ResetArmed;
    public event Action? WarningCancelled;
    public event Action? FactoryResetRequested;

    public ButtonPhase Phase => _machine.Phase;

    /// <summary>Edges handed to the state machine so far (tests wait on it: the loop runs on another thread).</summary>
    internal int EdgesHandled => Volatile.Read(ref _edgesHandled);

    private int _edgesHandled;

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled (then throws OperationCanceledException) or the line fails.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Task<LineEdge>? nextEdge = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            nextEdge ??= _line.WaitForEdgeAsync(cancellationToken).AsTask();
            if (_machine.NextDeadline is { } deadline)
            {
                var wait = deadline - Now();
                if (wait > TimeSpan.Zero)
                {
                    using var stopTimer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    var timer = Task.Delay(wait, _time, stopTimer.Token);
                    var first = await Task.WhenAny(nextEdge, timer).ConfigureAwait(false);
                    stopTimer.Cancel(); // releases the timer when the edge came first
                    if (first != nextEdge)
                        continue; // the deadline passed, or we are cancelled: the loop's top sorts it out
                }
                else
                {
                    Raise(_machine.OnTime(Now()));
                    continue;
                }
            }
            var edge = await nextEdge.ConfigureAwait(false);
            nextEdge = null;
            _anchorEdge = edge.Timestamp;
            _anchorLocal = _time.GetTimestamp();
            Raise(_machine.OnEdge(edge.Active, edge.Timestamp));
            Interlocked.Increment(ref _edgesHandled);
        }
    }

    /// <summary>
    /// Now on the edges' clock (the kernel's monotonic one): the last edge's timestamp plus the time since it was
    /// read. Anchoring at each edge keeps the thresholds true to the kernel's timing of the press.
    /// </summary>
    private TimeSpan Now() => _anchorEdge + _time.GetElapsedTime(_anchorLocal);

    private void Raise(IReadOnlyList<ButtonEvent> events)
    {
        foreach (var e in events)
        {
            var handler = e switch
            {
                ButtonEvent.ShortPress => ShortPress,
                ButtonEvent.WarningStarted => WarningStarted,
                ButtonEvent.ResetArmed => ResetArmed,
                ButtonEvent.WarningCancelled => WarningCancelled,
                ButtonEvent.FactoryResetRequested => FactoryResetRequested,
                _ => null,
            };
            handler?.Invoke();
        }
    }
}
