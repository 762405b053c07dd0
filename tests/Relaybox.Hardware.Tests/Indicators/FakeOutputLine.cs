using Relaybox.Hardware.Gpio;

namespace Relaybox.Hardware.Tests.Indicators;

/// <summary>An LED that remembers every write, with the virtual time it happened at.</summary>
internal sealed class FakeOutputLine(string name, ManualTimeProvider clock) : IOutputLine
{
    public List<(TimeSpan At, bool Lit)> Writes { get; } = [];

    public string Name { get; } = name;

    public bool Lit { get; private set; }

    public bool Disposed { get; private set; }

    public bool FailWrites { get; set; }

    public void Set(bool active)
    {
        if (FailWrites)
            throw new IOException("line gone");
        Lit = active;
        Writes.Add((clock.Now, active));
    }

    public void Dispose() => Disposed = true;
}
