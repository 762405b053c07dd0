namespace Relaybox.Hardware.Gpio;

/// <summary>
/// One output line as an LED sees it: <see cref="Set"/>(true) lights it, whatever the wiring (active-low is
/// applied below this interface, by the kernel's ACTIVE_LOW flag). Disposing releases the line.
/// </summary>
public interface IOutputLine : IDisposable
{
    /// <summary>The line's name or offset, for logs ("GPIO17").</summary>
    string Name { get; }

    void Set(bool active);
}
