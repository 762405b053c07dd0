using System.Net;
using Relaybox.Smtp.Server;

namespace Relaybox.Smtp.Tests.Server;

public class SessionLimiterTests
{
    private static readonly IPAddress A = IPAddress.Parse("192.0.2.1");
    private static readonly IPAddress B = IPAddress.Parse("192.0.2.2");

    [Fact]
    public void PerAddressLimitLeavesRoomForOtherAddresses()
    {
        var limiter = new SessionLimiter();
        Assert.True(limiter.TryEnter(A, maxTotal: 10, maxPerAddress: 2));
        Assert.True(limiter.TryEnter(A, 10, 2));
        Assert.False(limiter.TryEnter(A, 10, 2));
        Assert.True(limiter.TryEnter(B, 10, 2));
        Assert.Equal(3, limiter.Total);
    }

    [Fact]
    public void TotalLimitAppliesAcrossAddresses()
    {
        var limiter = new SessionLimiter();
        Assert.True(limiter.TryEnter(A, maxTotal: 2, maxPerAddress: 5));
        Assert.True(limiter.TryEnter(B, 2, 5));
        Assert.False(limiter.TryEnter(IPAddress.Loopback, 2, 5));
    }

    [Fact]
    public void ExitFreesTheSlot()
    {
        var limiter = new SessionLimiter();
        Assert.True(limiter.TryEnter(A, 1, 1));
        Assert.False(limiter.TryEnter(A, 1, 1));
        limiter.Exit(A);
        Assert.Equal(0, limiter.Total);
        Assert.True(limiter.TryEnter(A, 1, 1));
    }
}
