using System.Text;
using Relaybox.Smtp.Delivery.Client;
using Relaybox.Smtp.Delivery.Manager;
using Relaybox.Smtp.Queue;
using Relaybox.Smtp.Queue.Delivery;

namespace Relaybox.Smtp.Tests.Delivery.Manager;

public sealed class QueueManagerTests
{
    private static readonly UpstreamReply TryLater = new(451, ["4.3.0 try again later"]);
    private static readonly UpstreamReply NoSuchUser = new(550, ["5.1.1 no such user"]);

    [Fact]
    public async Task ACommittedMessageIsDeliveredAtOnceUnchangedAndRemoved()
    {
        await using var fixture = new ManagerFixture();
        fixture.Manager.Start();
        byte[] content = ManagerFixture.Content("first");

        await fixture.SubmitAsync("scanner@example.com", ["bob@example.net"], content);
        await ManagerFixture.EventuallyAsync(() => fixture.Route.Deliveries.Count == 1, "the message was delivered");
        await ManagerFixture.EventuallyAsync(() => fixture.Queue.AllFiles().Length == 0, "the queue is empty");

        var sent = Assert.Single(fixture.Route.Deliveries);
        Assert.Equal(content, sent.Content);
        Assert.Equal("scanner@example.com", sent.Envelope.ReversePath);
        Assert.Equal(["bob@example.net"], sent.Envelope.Recipients.Select(r => r.Address));
    }

    [Fact]
    public async Task EachAttemptThatDeliversSomethingIsAnnouncedOnce()
    {
        await using var fixture = new ManagerFixture();
        fixture.Route.Answer = address => address.StartsWith("carol", StringComparison.Ordinal) ? TryLater : new UpstreamReply(250, ["2.0.0 Ok"]);
        int announced = 0;
        fixture.Manager.Delivered += () => Interlocked.Increment(ref announced);
        fixture.Manager.Start();

        await fixture.SubmitAsync("scanner@example.com", ["alice@example.net"], ManagerFixture.Content("one"));
        await fixture.SubmitAsync("scanner@example.com", ["carol@example.net"], ManagerFixture.Content("two"));
        await ManagerFixture.EventuallyAsync(() => fixture.In(QueueFolder.Deferred).Count == 1 && fixture.Queue.AllFiles().Length == 2,
            "one delivered, one deferred");
        await Task.Delay(50);

        Assert.Equal(1, Volatile.Read(ref announced));
    }

    [Fact]
    public async Task ADeliveredMessageCostsOneDirectoryFsyncAndNoStateFile()
    {
        await using var fixture = new ManagerFixture();
        fixture.Manager.Start();

        await fixture.SubmitAsync("scanner@example.com", ["bob@example.net", "carol@example.net"], ManagerFixture.Content("cheap"));
        await ManagerFixture.EventuallyAsync(() => fixture.Queue.AllFiles().Length == 0 && fixture.DeliveryFiles.DirectoryFlushes > 0,
            "the message was delivered and its removal made durable");
        await Task.Delay(50);

        Assert.Equal(0, fixture.DeliveryFiles.FilesCreated);
        Assert.Equal(1, fixture.DeliveryFiles.DirectoryFlushes);
    }

    [Fact]
    public async Task ADeferredMessageHasItsStateOnDiskBeforeItWaits()
    {
        await using var fixture = new ManagerFixture();
        fixture.Route.Answer = _ => TryLater;
        fixture.Manager.Start();

        await fixture.SubmitAsync("scanner@example.com", ["bob@example.net"], ManagerFixture.Content("kept"));
        await ManagerFixture.EventuallyAsync(() => fixture.In(QueueFolder.Deferred).Count == 1, "the message was deferred");

        var (_, state) = await fixture.SettledInAsync(QueueFolder.Deferred);
        Assert.Equal(1, state.Attempts);
        Assert.Equal(RecipientStatus.Deferred, state.Recipients[0].Status);
        Assert.True(fixture.DeliveryFiles.FilesCreated >= 1);
    }

    [Fact]
    public async Task OneDeferredRecipientOfThreeIsRetriedAloneAfterTheBackoff()
    {
        await using var fixture = new ManagerFixture();
        fixture.Route.Answer = address => address.StartsWith("carol", StringComparison.Ordinal) ? TryLater : new UpstreamReply(250, ["2.0.0 Ok"]);
        fixture.Manager.Start();

        string id = await fixture.SubmitAsync("scanner@example.com", ["alice@example.net", "bob@example.net", "carol@example.net"], ManagerFixture.Content("three"));
        await ManagerFixture.EventuallyAsync(() => fixture.In(QueueFolder.Deferred).Count == 1, "the message was deferred");

        var (deferred, state) = await fixture.SettledInAsync(QueueFolder.Deferred);
        Assert.Equal([RecipientStatus.Delivered, RecipientStatus.Delivered, RecipientStatus.Deferred], state.Recipients.Select(r => r.Status));
        Assert.Equal(451, state.Recipients[2].ReplyCode);
        Assert.Equal(fixture.Clock.GetUtcNow() + TimeSpan.FromSeconds(300), state.NextAttempt);

        fixture.Route.Answer = _ => new UpstreamReply(250, ["2.0.0 Ok"]);
        await Task.Delay(100);
        Assert.Single(fixture.Route.Deliveries); // not before its time
        fixture.Clock.Advance(TimeSpan.FromSeconds(301));
        await ManagerFixture.EventuallyAsync(() => fixture.Queue.AllFiles().Length == 0, "the retry delivered the last recipient");

        var attempts = fixture.Route.Deliveries.ToArray();
        Assert.Equal(2, attempts.Length);
        Assert.Equal(["alice@example.net", "bob@example.net", "carol@example.net"], attempts[0].Envelope.Recipients.Select(r => r.Address));
        Assert.Equal(["carol@example.net"], attempts[1].Envelope.Recipients.Select(r => r.Address));
        Assert.Equal(id, deferred.Id);
    }

    [Fact]
    public async Task APermanentFailureBouncesToTheSenderOnceAndTheMessageGoes()
    {
        await using var fixture = new ManagerFixture();
        fixture.Route.Answer = address => address.StartsWith("nobody", StringComparison.Ordinal) ? NoSuchUser : new UpstreamReply(250, ["2.0.0 Ok"]);
        fixture.Manager.Start();

        string id = await fixture.SubmitAsync("alice@example.com", ["nobody@example.net"], ManagerFixture.Content("bounced"));
        await ManagerFixture.EventuallyAsync(() => fixture.Route.Deliveries.Count == 2, "the message and its bounce were sent");
        await ManagerFixture.EventuallyAsync(() => fixture.Queue.AllFiles().Length == 0, "the queue is empty");

        var bounce = fixture.Route.Deliveries.ToArray()[1];
        Assert.Equal("", bounce.Envelope.ReversePath);
        Assert.Equal(["alice@example.com"], bounce.Envelope.Recipients.Select(r => r.Address));
        string text = Encoding.UTF8.GetString(bounce.Content);
        Assert.Contains("report-type=delivery-status", text, StringComparison.Ordinal);
        Assert.Contains("Final-Recipient: rfc822; nobody@example.net", text, StringComparison.Ordinal);
        Assert.Contains("Status: 5.1.1", text, StringComparison.Ordinal);
        Assert.Contains("Diagnostic-Code: smtp; 550 5.1.1 no such user", text, StringComparison.Ordinal);
        Assert.Contains("Remote-MTA: dns; mx.example.net", text, StringComparison.Ordinal);
        Assert.Contains("Subject: bounced", text, StringComparison.Ordinal);
        Assert.NotNull(id);
    }

    [Fact]
    public async Task AFailedBounceIsNotBouncedAgain()
    {
        await using var fixture = new ManagerFixture();
        fixture.Route.Answer = _ => NoSuchUser;
        fixture.Manager.Start();

        await fixture.SubmitAsync("alice@example.com", ["nobody@example.net"], ManagerFixture.Content("loop"));
        await ManagerFixture.EventuallyAsync(() => fixture.Route.Deliveries.Count == 2 && fixture.Queue.AllFiles().Length == 0, "message and bounce are gone");
        await Task.Delay(100);

        Assert.Equal(2, fixture.Route.Deliveries.Count);
    }

    [Fact]
    public async Task ADeviceSendersBounceGoesToTheAdmin()
    {
        await using var fixture = new ManagerFixture();
        fixture.Route.Answer = address => address == ManagerFixture.Admin ? new UpstreamReply(250, ["2.0.0 Ok"]) : NoSuchUser;
        fixture.Manager.Start();

        await fixture.SubmitAsync("root@nas", ["nobody@example.net"], ManagerFixture.Content("device"));
        await ManagerFixture.EventuallyAsync(() => fixture.Route.Deliveries.Count == 2 && fixture.Queue.AllFiles().Length == 0, "the bounce reached the admin");

        Assert.Equal([ManagerFixture.Admin], fixture.Route.Deliveries.ToArray()[1].Envelope.Recipients.Select(r => r.Address));
    }

    [Fact]
    public async Task AMessageThatOutlivesItsLifetimeBouncesWithItsLastReply()
    {
        await using var fixture = new ManagerFixture(QueueManagerOptions.Default with
        {
            Retry = new RetryOptions(TimeSpan.FromSeconds(300), TimeSpan.FromSeconds(4000), TimeSpan.FromHours(1), null),
        });
        fixture.Route.Answer = address => address.StartsWith("bob", StringComparison.Ordinal) ? TryLater : new UpstreamReply(250, ["2.0.0 Ok"]);
        fixture.Manager.Start();

        await fixture.SubmitAsync("alice@example.com", ["bob@example.net"], ManagerFixture.Content("expiring"));
        for (int i = 0; i < 10 && fixture.Queue.AllFiles().Length > 0; i++)
        {
            await ManagerFixture.EventuallyAsync(() => fixture.Manager.Summary().InProgress == 0 && fixture.In(QueueFolder.Active).Count == 0, "the attempt ended");
            fixture.Clock.Advance(TimeSpan.FromMinutes(20));
            await Task.Delay(60);
        }

        await ManagerFixture.EventuallyAsync(() => fixture.Queue.AllFiles().Length == 0, "the expired message and its bounce are gone");
        var bounce = fixture.Route.Deliveries.Last();
        string text = Encoding.UTF8.GetString(bounce.Content);
        Assert.Equal("", bounce.Envelope.ReversePath);
        Assert.Contains("Action: failed", text, StringComparison.Ordinal);
        Assert.Contains("Status: 4.3.0", text, StringComparison.Ordinal);
        Assert.Contains("451 4.3.0 try again later", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADelayWarningGoesOutOnceAfterItsTime()
    {
        await using var fixture = new ManagerFixture(QueueManagerOptions.Default with
        {
            Retry = new RetryOptions(TimeSpan.FromSeconds(300), TimeSpan.FromSeconds(600), TimeSpan.FromDays(5), TimeSpan.FromMinutes(30)),
        });
        fixture.Route.Answer = address => address.StartsWith("bob", StringComparison.Ordinal) ? TryLater : new UpstreamReply(250, ["2.0.0 Ok"]);
        fixture.Manager.Start();

        await fixture.SubmitAsync("alice@example.com", ["bob@example.net"], ManagerFixture.Content("slow"));
        for (int i = 0; i < 8; i++)
        {
            await ManagerFixture.EventuallyAsync(() => fixture.Manager.Summary().InProgress == 0 && fixture.In(QueueFolder.Active).Count == 0, "the attempt ended");
            fixture.Clock.Advance(TimeSpan.FromMinutes(11));
            await Task.Delay(60);
        }

        var warnings = fixture.Route.Deliveries.Where(d => d.Envelope.ReversePath.Length == 0).ToList();
        var warning = Assert.Single(warnings);
        string text = Encoding.UTF8.GetString(warning.Content);
        Assert.Contains("Action: delayed", text, StringComparison.Ordinal);
        Assert.Contains("Will-Retry-Until:", text, StringComparison.Ordinal);
        Assert.True((await fixture.SettledInAsync(QueueFolder.Deferred)).State.DelayWarningSent);
    }

    [Fact]
    public async Task ARestartResumesWithTheRecipientsNotYetServed()
    {
        await using var fixture = new ManagerFixture();
        fixture.Route.Answer = address => address.StartsWith("carol", StringComparison.Ordinal) ? TryLater : new UpstreamReply(250, ["2.0.0 Ok"]);
        fixture.Manager.Start();
        await fixture.SubmitAsync("scanner@example.com", ["alice@example.net", "carol@example.net"], ManagerFixture.Content("resume"));
        await ManagerFixture.EventuallyAsync(() => fixture.In(QueueFolder.Deferred).Count == 1, "the message was deferred");

        fixture.Route.Answer = _ => new UpstreamReply(250, ["2.0.0 Ok"]);
        fixture.Clock.Advance(TimeSpan.FromHours(1));
        await fixture.RestartAsync();
        await ManagerFixture.EventuallyAsync(() => fixture.Queue.AllFiles().Length == 0, "the restarted manager finished the message");

        Assert.Equal(["carol@example.net"], fixture.Route.Deliveries.Last().Envelope.Recipients.Select(r => r.Address));
        Assert.Equal(2, fixture.Route.Deliveries.Count);
    }

    [Fact]
    public async Task ADamagedStateMovesTheMessageToHoldInsteadOfDeliveringAgain()
    {
        await using var fixture = new ManagerFixture();
        fixture.Route.Answer = _ => TryLater;
        fixture.Manager.Start();
        string id = await fixture.SubmitAsync("scanner@example.com", ["alice@example.net"], ManagerFixture.Content("damaged"));
        await ManagerFixture.EventuallyAsync(() => fixture.In(QueueFolder.Deferred).Count == 1, "the message was deferred");
        await fixture.Manager.StopAsync(TimeSpan.FromSeconds(5));

        File.WriteAllText(fixture.Queue.Directory.StatePath(QueueFolder.Deferred, id), "relaybox-delivery-state 1\ngarbage\n");
        await fixture.RestartAsync();

        Assert.Single(fixture.In(QueueFolder.Hold));
        Assert.Empty(fixture.In(QueueFolder.Deferred));
        Assert.Single(fixture.Route.Deliveries);
    }

    [Fact]
    public async Task TwoRecipientsRewrittenToTheAdminGetOneCopy()
    {
        await using var fixture = new ManagerFixture();
        fixture.Manager.Start();

        await fixture.SubmitAsync("cron@nas.lan", ["root", "postmaster"], ManagerFixture.Content("cron"));
        await ManagerFixture.EventuallyAsync(() => fixture.Queue.AllFiles().Length == 0, "the message was delivered");

        var sent = Assert.Single(fixture.Route.Deliveries);
        Assert.Equal([ManagerFixture.Admin], sent.Envelope.Recipients.Select(r => r.Address));
    }

    [Fact]
    public async Task RecipientsOfDifferentDestinationsGoInSeparateTransactions()
    {
        await using var fixture = new ManagerFixture();
        fixture.Manager.Start();

        await fixture.SubmitAsync("scanner@example.com", ["a@one.example", "b@two.example", "c@one.example"], ManagerFixture.Content("split"));
        await ManagerFixture.EventuallyAsync(() => fixture.Queue.AllFiles().Length == 0, "the message was delivered");

        var byDestination = fixture.Route.Deliveries.ToDictionary(d => d.Destination, d => d.Envelope.Recipients.Select(r => r.Address).ToArray());
        Assert.Equal(["a@one.example", "c@one.example"], byDestination["one.example"]);
        Assert.Equal(["b@two.example"], byDestination["two.example"]);
    }

    [Fact]
    public async Task ThePerDestinationLimitCapsParallelAttempts()
    {
        await using var fixture = new ManagerFixture(QueueManagerOptions.Default with { Limits = new ConcurrencyLimits(Total: 10, PerDestination: 2) });
        fixture.Route.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fixture.Manager.Start();

        for (int i = 0; i < 6; i++)
        {
            await fixture.SubmitAsync("scanner@example.com", [$"user{i}@example.net"], ManagerFixture.Content("limit" + i));
        }

        await ManagerFixture.EventuallyAsync(() => fixture.Manager.Summary().InProgress == 2, "two attempts run");
        await Task.Delay(100);
        Assert.Equal(2, fixture.Manager.Summary().InProgress);
        fixture.Route.Gate.SetResult();
        await ManagerFixture.EventuallyAsync(() => fixture.Queue.AllFiles().Length == 0, "all were delivered");
        Assert.Equal(2, fixture.Route.MaxConcurrent);
        Assert.Equal(6, fixture.Route.Deliveries.Count);
    }

    [Fact]
    public async Task AHoldDuringAnAttemptTakesEffectWhenItEnds()
    {
        await using var fixture = new ManagerFixture();
        fixture.Route.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fixture.Route.Answer = _ => TryLater;
        fixture.Manager.Start();
        string id = await fixture.SubmitAsync("scanner@example.com", ["alice@example.net"], ManagerFixture.Content("held"));
        await ManagerFixture.EventuallyAsync(() => fixture.Manager.Summary().InProgress == 1, "the attempt runs");

        var result = await fixture.Manager.HoldAsync(id, CancellationToken.None);
        Assert.Equal([id], result.Changed);
        Assert.Single(fixture.In(QueueFolder.Active));
        fixture.Route.Gate.SetResult();

        await ManagerFixture.EventuallyAsync(() => fixture.In(QueueFolder.Hold).Count == 1, "the message is held");
        Assert.Equal(RecipientStatus.Deferred, (await fixture.SettledInAsync(QueueFolder.Hold)).State.Recipients[0].Status);
        fixture.Clock.Advance(TimeSpan.FromHours(2));
        await Task.Delay(100);
        Assert.Single(fixture.Route.Deliveries);
    }

    [Fact]
    public async Task ReleaseAndFlushMakeMessagesDueNow()
    {
        await using var fixture = new ManagerFixture();
        fixture.Route.Answer = _ => TryLater;
        fixture.Manager.Start();
        string first = await fixture.SubmitAsync("scanner@example.com", ["alice@example.net"], ManagerFixture.Content("one"));
        string second = await fixture.SubmitAsync("scanner@example.com", ["bob@example.net"], ManagerFixture.Content("two"));
        await ManagerFixture.EventuallyAsync(() => fixture.In(QueueFolder.Deferred).Count == 2, "both were deferred");
        Assert.Equal([second], (await fixture.Manager.HoldAsync(second, CancellationToken.None)).Changed);

        fixture.Route.Answer = _ => new UpstreamReply(250, ["2.0.0 Ok"]);
        Assert.Equal([first], (await fixture.Manager.FlushAsync(CancellationToken.None)).Changed);
        await ManagerFixture.EventuallyAsync(() => fixture.In(QueueFolder.Deferred).Count == 0, "the flushed message was delivered");
        Assert.Single(fixture.In(QueueFolder.Hold));

        Assert.Equal([second], (await fixture.Manager.ReleaseAsync("all", CancellationToken.None)).Changed);
        await ManagerFixture.EventuallyAsync(() => fixture.Queue.AllFiles().Length == 0, "the released message was delivered");
        Assert.Equal(4, fixture.Route.Deliveries.Count);
    }

    [Fact]
    public async Task DeleteRemovesWaitingAndHeldMessagesAndRefusesBadIds()
    {
        await using var fixture = new ManagerFixture();
        fixture.Route.Answer = _ => TryLater;
        fixture.Manager.Start();
        string first = await fixture.SubmitAsync("scanner@example.com", ["alice@example.net"], ManagerFixture.Content("one"));
        string second = await fixture.SubmitAsync("scanner@example.com", ["bob@example.net"], ManagerFixture.Content("two"));
        await ManagerFixture.EventuallyAsync(() => fixture.In(QueueFolder.Deferred).Count == 2, "both were deferred");
        await fixture.Manager.HoldAsync(second, CancellationToken.None);

        var bad = await fixture.Manager.DeleteAsync("../../etc/passwd", CancellationToken.None);
        Assert.False(bad.Succeeded);
        var unknown = await fixture.Manager.DeleteAsync("01JZZZZZZZZZZZZZZZZZZZZZZZ", CancellationToken.None);
        Assert.False(unknown.Succeeded);
        var all = await fixture.Manager.DeleteAsync("all", CancellationToken.None);

        Assert.Equal([first, second], all.Changed.Order(StringComparer.Ordinal));
        Assert.Empty(fixture.Queue.AllFiles());
    }

    [Fact]
    public async Task WithDeliveryOffNothingIsSentAndFlushSaysWhy()
    {
        await using var fixture = new ManagerFixture(QueueManagerOptions.Default with { Deliver = false });
        fixture.Manager.Start();

        await fixture.SubmitAsync("scanner@example.com", ["alice@example.net"], ManagerFixture.Content("kept"));
        await Task.Delay(150);

        Assert.Empty(fixture.Route.Deliveries);
        Assert.Single(fixture.In(QueueFolder.Active));
        Assert.Contains("deliver = no", (await fixture.Manager.FlushAsync(CancellationToken.None)).Error, StringComparison.Ordinal);
        Assert.Equal(1, fixture.Manager.Summary().Waiting);
    }
}
