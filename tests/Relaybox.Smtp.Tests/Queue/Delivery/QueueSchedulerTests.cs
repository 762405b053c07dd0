using Relaybox.Smtp.Queue.Delivery;

namespace Relaybox.Smtp.Tests.Queue.Delivery;

public sealed class QueueSchedulerTests
{
    private static readonly DateTimeOffset Now = DeliveryStateSamples.Arrival.AddHours(1);

    private static readonly ConcurrencyLimits Roomy = new(Total: 100, PerDestination: 100);

    private static ScheduleCandidate Message(
        string id,
        int minutesOld,
        string destination = "smtp.example.net",
        DateTimeOffset? next = null,
        string? held = null,
        bool inProgress = false) => new(
            id,
            Now.AddMinutes(-minutesOld),
            new DeliveryState(0, null, null, next, false, held, [new RecipientState("bob@example.net", RecipientStatus.Pending)]),
            destination,
            inProgress);

    private static string[] Started(SchedulePlan plan) => [.. plan.Start.Select(m => m.Id)];

    [Fact]
    public void DueMessagesStartOldestFirst()
    {
        var plan = QueueScheduler.Plan([Message("b", 5), Message("c", 1), Message("a", 30)], Now, Roomy);

        Assert.Equal(["a", "b", "c"], Started(plan));
    }

    [Fact]
    public void MessagesOfTheSameAgeStartInIdOrder()
    {
        var plan = QueueScheduler.Plan([Message("q2", 5), Message("q1", 5), Message("q3", 5)], Now, Roomy);

        Assert.Equal(["q1", "q2", "q3"], Started(plan));
    }

    [Fact]
    public void OnlyMessagesWhoseTimeHasComeAreDue()
    {
        var plan = QueueScheduler.Plan(
            [
                Message("fresh", 1),
                Message("past", 50, next: Now.AddSeconds(-1)),
                Message("exactly-now", 40, next: Now),
                Message("later", 60, next: Now.AddMinutes(10)),
                Message("sooner", 60, next: Now.AddMinutes(3)),
            ],
            Now,
            Roomy);

        Assert.Equal(["past", "exactly-now", "fresh"], Started(plan));
        Assert.Equal(Now.AddMinutes(3), plan.NextWake);
    }

    [Fact]
    public void HeldAndRunningMessagesAreNotStarted()
    {
        var plan = QueueScheduler.Plan([Message("held", 9, held: "admin"), Message("running", 8, inProgress: true), Message("due", 1)], Now, Roomy);

        Assert.Equal(["due"], Started(plan));
        Assert.Null(plan.NextWake);
    }

    [Fact]
    public void TotalLimitCountsRunningAttempts()
    {
        var limits = new ConcurrencyLimits(Total: 3, PerDestination: 10);

        var plan = QueueScheduler.Plan(
            [Message("r1", 1, inProgress: true), Message("d1", 50), Message("d2", 40), Message("d3", 30), Message("d4", 20)],
            Now,
            limits);

        Assert.Equal(["d1", "d2"], Started(plan));
    }

    [Fact]
    public void PerDestinationLimitSkipsABusyDestinationWithoutBlockingOthers()
    {
        var limits = new ConcurrencyLimits(Total: 10, PerDestination: 2);

        var plan = QueueScheduler.Plan(
            [
                Message("busy-running", 1, "smtp.example.net", inProgress: true),
                Message("busy-1", 50, "smtp.example.net"),
                Message("busy-2", 45, "SMTP.Example.NET"),
                Message("other-1", 40, "mx.example.org"),
                Message("other-2", 30, "mx.example.org"),
                Message("other-3", 20, "mx.example.org"),
            ],
            Now,
            limits);

        Assert.Equal(["busy-1", "other-1", "other-2"], Started(plan));
    }

    [Fact]
    public void NothingStartsWhenAllSlotsAreTaken()
    {
        var limits = new ConcurrencyLimits(Total: 1, PerDestination: 1);

        var plan = QueueScheduler.Plan([Message("running", 1, "a", inProgress: true), Message("due", 5, "b")], Now, limits);

        Assert.Empty(plan.Start);
    }

    [Fact]
    public void LimitsBelowOneAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => QueueScheduler.Plan([], Now, new ConcurrencyLimits(0, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => QueueScheduler.Plan([], Now, new ConcurrencyLimits(1, 0)));
    }
}
