using System.Net;
using Relaybox.Smtp.Auth;

namespace Relaybox.Smtp.Tests.Auth;

public sealed class AuthThrottleTests
{
    private static readonly IPAddress Client = IPAddress.Parse("192.0.2.7");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private AuthThrottle Throttle(AuthThrottleOptions? options = null) => new(_clock, options);

    [Fact]
    public void TheFirstTwoFailuresAreFreeThenTheDelayDoublesUpToEightSeconds()
    {
        AuthThrottle throttle = Throttle();

        TimeSpan[] delays = [.. Enumerable.Range(0, 8).Select(_ => throttle.RecordFailure(Client))];

        Assert.Equal(new[] { 0, 0, 1, 2, 4, 8, 8, 8 }.Select(s => TimeSpan.FromSeconds(s)), delays);
    }

    [Fact]
    public void TenFailuresWithinTenMinutesLockTheAddressOutForFifteenMinutes()
    {
        AuthThrottle throttle = Throttle();
        for (int i = 0; i < 9; i++)
        {
            throttle.RecordFailure(Client);
            _clock.Advance(TimeSpan.FromSeconds(30));
        }

        Assert.False(throttle.IsLockedOut(Client));
        throttle.RecordFailure(Client);
        Assert.True(throttle.IsLockedOut(Client));
        _clock.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        Assert.True(throttle.IsLockedOut(Client));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(throttle.IsLockedOut(Client));
    }

    [Fact]
    public void FailuresOlderThanTheWindowDoNotCount()
    {
        AuthThrottle throttle = Throttle();
        for (int i = 0; i < 9; i++)
        {
            throttle.RecordFailure(Client);
        }

        _clock.Advance(TimeSpan.FromMinutes(10));
        TimeSpan delay = throttle.RecordFailure(Client);

        Assert.False(throttle.IsLockedOut(Client));
        Assert.Equal(TimeSpan.Zero, delay);
    }

    [Fact]
    public void ALockoutIsNotCutShortWhenItsWindowEnds()
    {
        AuthThrottle throttle = Throttle();
        for (int i = 0; i < 10; i++)
        {
            throttle.RecordFailure(Client);
        }

        _clock.Advance(TimeSpan.FromMinutes(11));
        throttle.RecordFailure(Client);

        Assert.True(throttle.IsLockedOut(Client));
    }

    [Fact]
    public void AfterALockoutExpiresTheCountStartsAfresh()
    {
        AuthThrottle throttle = Throttle();
        for (int i = 0; i < 10; i++)
        {
            throttle.RecordFailure(Client);
        }

        _clock.Advance(TimeSpan.FromMinutes(15));

        Assert.Equal(TimeSpan.Zero, throttle.RecordFailure(Client));
        Assert.False(throttle.IsLockedOut(Client));
    }

    [Fact]
    public void ASuccessClearsTheCount()
    {
        AuthThrottle throttle = Throttle();
        for (int i = 0; i < 5; i++)
        {
            throttle.RecordFailure(Client);
        }

        throttle.RecordSuccess(Client);

        Assert.Equal(TimeSpan.Zero, throttle.RecordFailure(Client));
    }

    [Fact]
    public void AnIpv4MappedIpv6AddressIsTheSameClient()
    {
        AuthThrottle throttle = Throttle(new AuthThrottleOptions { MaxFailures = 1 });

        throttle.RecordFailure(IPAddress.Parse("::ffff:192.0.2.7"));

        Assert.True(throttle.IsLockedOut(Client));
        Assert.Equal(1, throttle.TrackedAddresses);
    }

    [Fact]
    public void OtherAddressesAreNotAffected()
    {
        AuthThrottle throttle = Throttle(new AuthThrottleOptions { MaxFailures = 1 });

        throttle.RecordFailure(Client);

        Assert.False(throttle.IsLockedOut(IPAddress.Parse("192.0.2.8")));
    }

    [Fact]
    public void TheTableIsBoundedAndForgetsTheAddressSeenLongestAgo()
    {
        AuthThrottle throttle = Throttle(new AuthThrottleOptions { MaxFailures = 1, MaxTrackedAddresses = 3 });
        IPAddress[] addresses = [.. Enumerable.Range(1, 4).Select(i => IPAddress.Parse($"198.51.100.{i}"))];

        foreach (IPAddress address in addresses)
        {
            throttle.RecordFailure(address);
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(3, throttle.TrackedAddresses);
        Assert.False(throttle.IsLockedOut(addresses[0]));
        Assert.All(addresses[1..], a => Assert.True(throttle.IsLockedOut(a)));
    }

    [Fact]
    public void LimitsAreConfigurable()
    {
        AuthThrottle throttle = Throttle(new AuthThrottleOptions
        {
            MaxFailures = 3,
            FailureWindow = TimeSpan.FromMinutes(1),
            LockoutDuration = TimeSpan.FromMinutes(2),
        });

        for (int i = 0; i < 3; i++)
        {
            throttle.RecordFailure(Client);
        }

        Assert.True(throttle.IsLockedOut(Client));
        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.False(throttle.IsLockedOut(Client));
    }
}
