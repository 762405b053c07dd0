namespace Relaybox.Smtp.Tests.Queue.Delivery;

/// <summary>A TimeProvider whose clock moves only when a test says so.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
