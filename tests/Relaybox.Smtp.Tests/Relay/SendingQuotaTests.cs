using Relaybox.Smtp.Relay;
using static Relaybox.Smtp.Tests.Relay.RelayTestPolicies;

namespace Relaybox.Smtp.Tests.Relay;

public sealed class SendingQuotaTests
{
    private static readonly RelayDecision Deferred = RelayDecision.Defer(RelayRejectReason.QuotaExceeded);

    private static RelayClient Alice { get; } = new(InternetAddress, "alice@example.com", []);

    /// <summary>Runs MAIL FROM + accepted DATA <paramref name="count"/> times; returns how many MAIL FROMs passed.</summary>
    private static int Send(RelayPolicy policy, RelayClient client, int count)
    {
        int permitted = 0;
        for (int i = 0; i < count; i++)
        {
            if (policy.CheckSender(client, null) == RelayDecision.Permit)
            {
                policy.MessageAccepted(client);
                permitted++;
            }
        }

        return permitted;
    }

    [Fact]
    public void MessagesUpToTheQuotaPassAndTheNextIsDeferred()
    {
        var policy = Create(defaultMessagesPerHour: 5);

        Assert.Equal(5, Send(policy, Alice, 5));
        Assert.Equal(Deferred, policy.CheckSender(Alice, null));
    }

    [Fact]
    public void APolicyRebuiltByAReloadKeepsTheCountsOfTheSharedQuota()
    {
        var clock = new ManualClock();
        var quota = new SendingQuota(clock);
        Send(Create(defaultMessagesPerHour: 5, time: clock, quota: quota), Alice, 5);

        var reloaded = Create(defaultMessagesPerHour: 5, time: clock, quota: quota);

        Assert.Equal(Deferred, reloaded.CheckSender(Alice, null));
    }

    [Fact]
    public void QuotaRefillsAnHourLater()
    {
        var clock = new ManualClock();
        var policy = Create(defaultMessagesPerHour: 5, time: clock);
        Send(policy, Alice, 5);

        clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(Deferred, policy.CheckSender(Alice, null));

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(5, Send(policy, Alice, 6));
    }

    [Fact]
    public void WindowSlidesSoOnlyTheOldMessagesExpire()
    {
        var clock = new ManualClock();
        var policy = Create(defaultMessagesPerHour: 5, time: clock);
        Send(policy, Alice, 3);
        clock.Advance(TimeSpan.FromMinutes(30));
        Send(policy, Alice, 2);

        clock.Advance(TimeSpan.FromMinutes(30));

        Assert.Equal(3, Send(policy, Alice, 5));
    }

    [Fact]
    public void OnlyAcceptedMessagesCount()
    {
        var policy = Create(defaultMessagesPerHour: 2);

        for (int i = 0; i < 10; i++)
        {
            Assert.Equal(RelayDecision.Permit, policy.CheckSender(Alice, null));
        }
    }

    [Fact]
    public void PerUserQuotaOverridesTheDefault()
    {
        var policy = Create(defaultMessagesPerHour: 100);
        var limited = Alice with { MessagesPerHour = 2 };

        Assert.Equal(2, Send(policy, limited, 3));
    }

    [Fact]
    public void PerUserZeroMeansUnlimited()
    {
        var policy = Create(defaultMessagesPerHour: 1);
        var unlimited = Alice with { MessagesPerHour = 0 };

        Assert.Equal(500, Send(policy, unlimited, 500));
    }

    [Fact]
    public void DefaultZeroMeansUnlimited()
    {
        Assert.Equal(500, Send(Create(defaultMessagesPerHour: 0), Alice, 500));
    }

    [Fact]
    public void QuotasAreKeptPerLogin()
    {
        var policy = Create(defaultMessagesPerHour: 1);
        var bob = new RelayClient(InternetAddress, "bob@example.com", []);
        Send(policy, Alice, 1);

        Assert.Equal(Deferred, policy.CheckSender(Alice, null));
        Assert.Equal(RelayDecision.Permit, policy.CheckSender(bob, null));
    }

    [Fact]
    public void UnauthenticatedClientsHaveNoQuota()
    {
        var policy = Create(defaultMessagesPerHour: 1);

        Assert.Equal(50, Send(policy, LanDevice, 50));
    }

    [Fact]
    public void NegativeDefaultQuotaIsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Create(defaultMessagesPerHour: -1));
    }

    [Fact]
    public void TrackedLoginsStayWithinTheCap()
    {
        var quota = new SendingQuota(new ManualClock(), maxTrackedLogins: 3);

        for (int i = 0; i < 50; i++)
        {
            quota.Record($"user{i}");
        }

        Assert.InRange(quota.TrackedLogins, 1, 3);
        Assert.False(quota.HasRoom("user49", 1));
    }

    [Fact]
    public void IdleLoginsAreForgottenBeforeActiveOnes()
    {
        var clock = new ManualClock();
        var quota = new SendingQuota(clock, maxTrackedLogins: 2);
        quota.Record("idle");
        clock.Advance(TimeSpan.FromMinutes(61));
        quota.Record("active");

        quota.Record("newcomer");

        Assert.Equal(2, quota.TrackedLogins);
        Assert.False(quota.HasRoom("active", 1));
        Assert.False(quota.HasRoom("newcomer", 1));
    }
}
