namespace Relaybox.Hardware.Gpio;

/// <summary>
/// One input line as a button sees it: active = pressed, whatever the wiring (active-low and debounce are applied
/// below this interface). Disposing releases the line and ends a pending wait.
/// </summary>
public interface IInputLine : IDisposable
{
    /// <summary>The line's name or offset, for logs ("GPIO23").</summary>
    string Name { get; }

    /// <summary>The level now (pressed or not).</summary>
    bool IsActive { get; }

    /// <summary>Waits, without polling, for the next change of level; the edge carries the kernel's timestamp.</summary>
    ValueTask<LineEdge> WaitForEdgeAsync(CancellationToken cancellationToken);
}
