using Relaybox.Smtp.Queue.Delivery;

namespace Relaybox.Smtp.Tests.Queue.Delivery;

public sealed class RetryScheduleTests
{
    private static readonly DateTimeOffset Arrival = DeliveryStateSamples.Arrival;

    private static DeliveryState Deferred(int attempts, bool warned = false) => new(
        Attempts: attempts,
        FirstAttempt: attempts > 0 ? Arrival : null,
        LastAttempt: attempts > 0 ? Arrival : null,
        NextAttempt: null,
        DelayWarningSent: warned,
        HeldReason: null,
        Recipients:
        [
            new RecipientState("bob@example.net", RecipientStatus.Delivered, 250),
            new RecipientState("carol@example.org", attempts > 0 ? RecipientStatus.Deferred : RecipientStatus.Pending, attempts > 0 ? 451 : null),
        ]);

    [Fact]
    public void BackoffStartsAtTheMinimumAndDoublesUpToTheMaximum()
    {
        var schedule = new RetrySchedule(RetryOptions.Default, new ManualClock(Arrival));

        int[] seconds = [.. Enumerable.Range(1, 8).Select(n => (int)schedule.Backoff(n).TotalSeconds)];

        Assert.Equal([300, 600, 1200, 2400, 4000, 4000, 4000, 4000], seconds);
    }

    [Fact]
    public void BackoffFollowsConfiguredValues()
    {
        var options = RetryOptions.Default with { MinBackoff = TimeSpan.FromSeconds(10), MaxBackoff = TimeSpan.FromSeconds(70) };
        var schedule = new RetrySchedule(options, new ManualClock(Arrival));

        Assert.Equal([10, 20, 40, 70, 70], Enumerable.Range(1, 5).Select(n => (int)schedule.Backoff(n).TotalSeconds));
    }

    [Fact]
    public void BackoffAfterAnAbsurdNumberOfAttemptsStaysAtTheMaximum()
    {
        var schedule = new RetrySchedule(RetryOptions.Default, new ManualClock(Arrival));

        Assert.Equal(TimeSpan.FromSeconds(4000), schedule.Backoff(int.MaxValue));
    }

    [Fact]
    public void FreshMessageIsDueAtOnce()
    {
        var clock = new ManualClock(Arrival);
        var schedule = new RetrySchedule(RetryOptions.Default, clock);

        Assert.Equal(Arrival, schedule.NextAttempt(Deferred(0)));
    }

    [Fact]
    public void NextAttemptOnTheFakeClockFollowsThePostfixSequence()
    {
        var clock = new ManualClock(Arrival);
        var schedule = new RetrySchedule(RetryOptions.Default, clock);
        var state = Deferred(0);
        var waits = new List<double>();

        for (int attempt = 1; attempt <= 6; attempt++)
        {
            state = state.StartAttempt(clock.GetUtcNow());
            var next = schedule.NextAttempt(state);
            waits.Add((next - clock.GetUtcNow()).TotalSeconds);
            state = state with { NextAttempt = next };
            clock.Advance(next - clock.GetUtcNow());
        }

        Assert.Equal([300, 600, 1200, 2400, 4000, 4000], waits);
        Assert.Equal(6, state.Attempts);
        Assert.Equal(Arrival, state.FirstAttempt);
        Assert.Equal(Arrival.AddSeconds(300 + 600 + 1200 + 2400 + 4000), state.LastAttempt);
    }

    [Fact]
    public void NextAttemptIsBroughtForwardToTheExpiryTime()
    {
        var options = RetryOptions.Default with { MaxLifetime = TimeSpan.FromMinutes(30) };
        var schedule = new RetrySchedule(options, new ManualClock(Arrival));
        var now = Arrival.AddMinutes(25);

        Assert.Equal(Arrival.AddMinutes(30), schedule.NextAttempt(Deferred(3), Arrival, now));
        Assert.Equal(now.AddSeconds(300), schedule.NextAttempt(Deferred(1), Arrival.AddDays(1), now));
    }

    [Fact]
    public void MessageExpiresExactlyAtTheEndOfItsLifetime()
    {
        var clock = new ManualClock(Arrival);
        var schedule = new RetrySchedule(RetryOptions.Default, clock);

        clock.Advance(TimeSpan.FromDays(5) - TimeSpan.FromTicks(1));
        Assert.False(schedule.IsExpired(Arrival));

        clock.Advance(TimeSpan.FromTicks(1));
        Assert.True(schedule.IsExpired(Arrival));
    }

    [Fact]
    public void DelayWarningComesOnceAfterTheWarningTime()
    {
        var clock = new ManualClock(Arrival);
        var schedule = new RetrySchedule(RetryOptions.Default, clock);
        var state = Deferred(4);

        clock.Advance(TimeSpan.FromHours(4) - TimeSpan.FromSeconds(1));
        Assert.False(schedule.ShouldWarn(state, Arrival));

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(schedule.ShouldWarn(state, Arrival));
        Assert.False(schedule.ShouldWarn(state with { DelayWarningSent = true }, Arrival));
    }

    [Fact]
    public void NoDelayWarningWithoutADeferredRecipient()
    {
        var schedule = new RetrySchedule(RetryOptions.Default, new ManualClock(Arrival));
        var late = Arrival.AddHours(5);
        var untried = Deferred(0);
        var allFinal = Deferred(2).WithRecipient(1, new RecipientState("carol@example.org", RecipientStatus.Failed, 550));

        Assert.False(schedule.ShouldWarn(untried, Arrival, late));
        Assert.False(schedule.ShouldWarn(allFinal, Arrival, late));
        Assert.True(schedule.ShouldWarn(Deferred(2), Arrival, late));
    }

    [Fact]
    public void NoDelayWarningOnceExpiredOrWhenDisabled()
    {
        var enabled = new RetrySchedule(RetryOptions.Default, new ManualClock(Arrival));
        var disabled = new RetrySchedule(RetryOptions.Default with { DelayWarningAfter = null }, new ManualClock(Arrival));

        Assert.False(enabled.ShouldWarn(Deferred(30), Arrival, Arrival.AddDays(5)));
        Assert.False(disabled.ShouldWarn(Deferred(3), Arrival, Arrival.AddHours(5)));
        Assert.True(enabled.ShouldWarn(Deferred(30), Arrival, Arrival.AddDays(5).AddTicks(-1)));
    }

    [Theory]
    [InlineData(0, 4000, 5)]
    [InlineData(300, 299, 5)]
    [InlineData(300, 4000, -1)]
    public void ImpossibleOptionsAreRefused(int minSeconds, int maxSeconds, int lifetimeDays)
    {
        var options = new RetryOptions(TimeSpan.FromSeconds(minSeconds), TimeSpan.FromSeconds(maxSeconds), TimeSpan.FromDays(lifetimeDays), TimeSpan.FromHours(4));

        Assert.Throws<ArgumentOutOfRangeException>(() => new RetrySchedule(options, new ManualClock(Arrival)));
    }
}
