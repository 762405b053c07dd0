using System.Threading.Channels;
using Relaybox.Hardware.Gpio;

namespace Relaybox.Hardware.Tests.Indicators;

/// <summary>A button line the test presses and releases; edges carry the virtual clock's time as their timestamp.</summary>
internal sealed class FakeInputLine(ManualTimeProvider clock) : IInputLine
{
    private readonly Channel<LineEdge> _edges = Channel.CreateUnbounded<LineEdge>();

    public string Name => "GPIO27";

    public bool IsActive { get; private set; }

    public void Press() => Edge(true);

    public void Release() => Edge(false);

    public async ValueTask<LineEdge> WaitForEdgeAsync(CancellationToken cancellationToken)
    {
        return await _edges.Reader.ReadAsync(cancellationToken);
    }

    public void Dispose() => _edges.Writer.TryComplete();

    private void Edge(bool active)
    {
        IsActive = active;
        _edges.Writer.TryWrite(new LineEdge(active, clock.Now));
    }
}
