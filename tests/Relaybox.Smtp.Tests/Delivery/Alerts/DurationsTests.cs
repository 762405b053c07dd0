using Relaybox.Smtp.Delivery.Alerts;

namespace Relaybox.Smtp.Tests.Delivery.Alerts;

public sealed class DurationsTests
{
    [Theory]
    [InlineData(0, "0 seconds")]
    [InlineData(1, "1 second")]
    [InlineData(59, "59 seconds")]
    [InlineData(60, "1 minute")]
    [InlineData(61 * 60, "1 hour 1 minute")]
    [InlineData(2 * 3600, "2 hours")]
    [InlineData(24 * 3600, "24 hours")]
    [InlineData(24 * 3600 + 60, "1 day")]
    [InlineData(50 * 3600, "2 days 2 hours")]
    [InlineData(-30, "0 seconds")]
    public void SpansReadAsAPersonWouldSayThem(int seconds, string expected) =>
        Assert.Equal(expected, Durations.Describe(TimeSpan.FromSeconds(seconds)));
}
