namespace Relaybox.Appliance.Tests.Setup;

/// <summary>A clock that stands still at a time the test chooses.</summary>
internal sealed class SetupClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
