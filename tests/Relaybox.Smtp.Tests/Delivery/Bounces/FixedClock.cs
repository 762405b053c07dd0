namespace Relaybox.Smtp.Tests.Delivery.Bounces;

/// <summary>A clock that always says the same instant, in UTC, so Date fields are predictable.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
