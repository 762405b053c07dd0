using System.Net;
using System.Text;
using Relaybox.Smtp.Delivery.Client;
using Relaybox.Smtp.Protocol;
using Relaybox.Smtp.Queue;

namespace Relaybox.Smtp.Tests.Delivery.Client;

/// <summary>
/// Session reuse against a recording server on 127.0.0.1: what each connection carried shows whether a session was
/// kept, reset before reuse, closed on time, and never shared between unequal upstreams or concurrent deliveries.
/// The clock is manual, so no idle timer fires unless a test moves it.
/// </summary>
public sealed class SessionReuseTests
{
    private static readonly string[] OneTransaction = ["EHLO", "MAIL", "RCPT", "DATA"];

    private readonly ManualClock _clock = new();

    private static SmtpUpstream Upstream(RecordingUpstream server) =>
        new("127.0.0.1", server.Port) { HeloName = "relay.home.arpa", Tls = new TlsPolicy { Level = TlsSecurityLevel.None } };

    private static OutboundMessage Message(string from = "dev@lan.example")
    {
        byte[] content = Encoding.ASCII.GetBytes("Subject: scan\r\n\r\npage\r\n");
        var envelope = new Envelope(from, [new EnvelopeRecipient("owner@example.net", DsnNotify.Default, null)], BodyType.SevenBit, false,
            DsnReturn.Unspecified, null, null, "192.168.1.20", "scanner", DateTimeOffset.UnixEpoch);
        return new OutboundMessage(envelope, new MemoryStream(content), content.Length);
    }

    private static string[] Verbs(IReadOnlyList<string> commands) => commands.Select(c => c.Split(' ')[0].ToUpperInvariant()).ToArray();

    private static void AssertDelivered(DeliveryResult result)
    {
        Assert.Equal(DeliveryFailure.None, result.Failure);
        Assert.All(result.Recipients, r => Assert.Equal(RecipientOutcome.Delivered, r.Outcome));
    }

    [Fact]
    public async Task TwoMessagesInARowShareOneConnectionWithRsetBetweenThem()
    {
        using var server = new RecordingUpstream();
        await using var client = new SmtpDeliveryClient(_clock);

        AssertDelivered(await client.DeliverAsync(Upstream(server), Message()));
        AssertDelivered(await client.DeliverAsync(Upstream(server), Message()));

        Assert.Equal(1, server.ConnectionCount);
        Assert.Equal([.. OneTransaction, "RSET", "MAIL", "RCPT", "DATA"], Verbs(server.Commands[0]));
        Assert.Equal(1, client.IdleSessions);
    }

    [Fact]
    public async Task EqualUpstreamsBuiltSeparatelyShareTheSession()
    {
        using var server = new RecordingUpstream();
        await using var client = new SmtpDeliveryClient(_clock);

        await client.DeliverAsync(Upstream(server) with { Address = IPAddress.Parse("127.0.0.1") }, Message());
        await client.DeliverAsync(Upstream(server) with { Address = new IPAddress([127, 0, 0, 1]) }, Message());

        Assert.Equal(1, server.ConnectionCount);
    }

    [Fact]
    public async Task DisposeEndsTheKeptSessionWithQuitAndLaterDeliveriesKeepNone()
    {
        using var server = new RecordingUpstream();
        var client = new SmtpDeliveryClient(_clock);
        await client.DeliverAsync(Upstream(server), Message());

        await client.DisposeAsync();
        await RecordingUpstream.WaitUntilAsync(() => server.Count("QUIT") == 1);
        AssertDelivered(await client.DeliverAsync(Upstream(server), Message()));

        Assert.Equal(0, client.IdleSessions);
        Assert.Equal(2, server.ConnectionCount);
        await RecordingUpstream.WaitUntilAsync(() => server.Count("QUIT") == 2);
        Assert.Equal([.. OneTransaction, "QUIT"], Verbs(server.Commands[1]));
    }

    [Fact]
    public async Task DisabledCacheEndsEverySessionWithQuit()
    {
        using var server = new RecordingUpstream();
        await using var client = new SmtpDeliveryClient(_clock, SessionCacheOptions.Disabled);

        await client.DeliverAsync(Upstream(server), Message());
        await client.DeliverAsync(Upstream(server), Message());

        Assert.Equal(2, server.ConnectionCount);
        await RecordingUpstream.WaitUntilAsync(() => server.Count("QUIT") == 2);
        Assert.All(server.Commands, c => Assert.Equal([.. OneTransaction, "QUIT"], Verbs(c)));
    }

    [Fact]
    public async Task KeptSessionTheServerClosedMeanwhileFallsBackToANewConnection()
    {
        using var server = new RecordingUpstream();
        await using var client = new SmtpDeliveryClient(_clock);
        await client.DeliverAsync(Upstream(server), Message());

        server.DropAll();
        DeliveryResult second = await client.DeliverAsync(Upstream(server), Message());

        AssertDelivered(second);
        Assert.Equal(2, server.ConnectionCount);
        Assert.Equal(OneTransaction, Verbs(server.Commands[1]));
    }

    [Fact]
    public async Task KeptSessionWhoseRsetIsNotAnswered250IsNotUsed()
    {
        using var server = new RecordingUpstream { RsetReply = "421 4.4.2 idle too long" };
        await using var client = new SmtpDeliveryClient(_clock);
        await client.DeliverAsync(Upstream(server), Message());

        DeliveryResult second = await client.DeliverAsync(Upstream(server), Message());

        AssertDelivered(second);
        Assert.Equal([.. OneTransaction, "RSET"], Verbs(server.Commands[0]));
        Assert.Equal(OneTransaction, Verbs(server.Commands[1]));
    }

    [Fact]
    public async Task KeptSessionRefusedWith421AtMailFallsBackToANewConnection()
    {
        using var server = new RecordingUpstream { CloseAtSecondMail = true };
        await using var client = new SmtpDeliveryClient(_clock);
        await client.DeliverAsync(Upstream(server), Message());

        DeliveryResult second = await client.DeliverAsync(Upstream(server), Message());

        AssertDelivered(second);
        Assert.Equal([.. OneTransaction, "RSET", "MAIL"], Verbs(server.Commands[0]));
        Assert.Equal(OneTransaction, Verbs(server.Commands[1]));
    }

    [Fact]
    public async Task IdleSessionIsClosedWithQuitAfterTwoSecondsAndNoTimerIsLeft()
    {
        using var server = new RecordingUpstream();
        await using var client = new SmtpDeliveryClient(_clock);
        Assert.Equal(0, _clock.PendingTimers);
        await client.DeliverAsync(Upstream(server), Message());
        Assert.Equal(1, _clock.PendingTimers);
        Assert.True(_clock.HasTimerDueIn(TimeSpan.FromSeconds(2)));

        _clock.Advance(TimeSpan.FromMilliseconds(1999));
        await Task.Delay(100);
        Assert.Equal(1, client.IdleSessions);
        Assert.Equal(0, server.Count("QUIT"));

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await RecordingUpstream.WaitUntilAsync(() => server.Count("QUIT") == 1);
        Assert.Equal(0, client.IdleSessions);
        await RecordingUpstream.WaitUntilAsync(() => _clock.PendingTimers == 0);

        await client.DeliverAsync(Upstream(server), Message());
        Assert.Equal(2, server.ConnectionCount);
    }

    [Fact]
    public async Task SessionIdleAgainStartsItsTwoSecondsAfresh()
    {
        using var server = new RecordingUpstream();
        await using var client = new SmtpDeliveryClient(_clock);
        await client.DeliverAsync(Upstream(server), Message());
        _clock.Advance(TimeSpan.FromSeconds(1.5));
        await client.DeliverAsync(Upstream(server), Message());

        _clock.Advance(TimeSpan.FromSeconds(1.5));
        await Task.Delay(100);

        Assert.Equal(1, client.IdleSessions);
        Assert.Equal(0, server.Count("QUIT"));
        Assert.True(_clock.HasTimerDueIn(TimeSpan.FromSeconds(0.5)));
    }

    [Fact]
    public async Task SessionIsNotReusedPastItsAgeLimit()
    {
        using var server = new RecordingUpstream();
        var options = new SessionCacheOptions { IdleTimeLimit = TimeSpan.FromHours(1), ReuseTimeLimit = TimeSpan.FromSeconds(300) };
        await using var client = new SmtpDeliveryClient(_clock, options);
        await client.DeliverAsync(Upstream(server), Message());
        _clock.Advance(TimeSpan.FromSeconds(299));
        await client.DeliverAsync(Upstream(server), Message());
        Assert.Equal(1, server.ConnectionCount);

        _clock.Advance(TimeSpan.FromSeconds(1));
        await client.DeliverAsync(Upstream(server), Message());

        Assert.Equal(2, server.ConnectionCount);
        await RecordingUpstream.WaitUntilAsync(() => server.Count("QUIT") == 1);
        Assert.Equal("QUIT", Verbs(server.Commands[0])[^1]);
    }

    [Fact]
    public async Task SessionCarriesNoMoreThanTheTransactionLimit()
    {
        using var server = new RecordingUpstream();
        await using var client = new SmtpDeliveryClient(_clock, new SessionCacheOptions { MaxTransactionsPerSession = 2 });

        for (int i = 0; i < 3; i++)
        {
            AssertDelivered(await client.DeliverAsync(Upstream(server), Message()));
        }

        Assert.Equal(2, server.ConnectionCount);
        Assert.Equal([.. OneTransaction, "RSET", "MAIL", "RCPT", "DATA", "QUIT"], Verbs(server.Commands[0]));
    }

    [Theory]
    [InlineData("helo")]
    [InlineData("login")]
    [InlineData("password")]
    [InlineData("tls level")]
    [InlineData("tls pin")]
    [InlineData("tls name")]
    [InlineData("ca file")]
    [InlineData("address")]
    [InlineData("timeouts")]
    public async Task UpstreamsThatDifferInOneSettingNeverShareASession(string setting)
    {
        using var server = new RecordingUpstream { OfferCramMd5 = true };
        await using var client = new SmtpDeliveryClient(_clock);
        SmtpUpstream first = Upstream(server) with { Credentials = new("relay", "s3cret") };
        SmtpUpstream second = setting switch
        {
            "helo" => first with { HeloName = "other.home.arpa" },
            "login" => first with { Credentials = new("other", "s3cret") },
            "password" => first with { Credentials = new("relay", "other") },
            "tls level" => first with { Tls = first.Tls with { Level = TlsSecurityLevel.May } }, // no STARTTLS offered: plain text too
            "tls pin" => first with { Tls = first.Tls with { PinnedFingerprints = [new byte[32]] } },
            "tls name" => first with { Tls = first.Tls with { ExpectedName = "other.example" } },
            "ca file" => first with { Tls = first.Tls with { CaFile = "/nonexistent/ca.pem" } }, // not read at level none
            "address" => first with { Address = IPAddress.Loopback },
            "timeouts" => first with { Timeouts = ClientTimeouts.Default with { Command = TimeSpan.FromMinutes(1) } },
            _ => throw new ArgumentOutOfRangeException(nameof(setting)),
        };

        AssertDelivered(await client.DeliverAsync(first, Message()));
        AssertDelivered(await client.DeliverAsync(second, Message()));
        AssertDelivered(await client.DeliverAsync(first, Message()));

        Assert.Equal(2, server.ConnectionCount);
        Assert.Equal(1, server.Count("RSET"));
        Assert.Equal(0, server.Commands[1].Count(c => c == "RSET"));
        Assert.Equal(2, client.IdleSessions);
    }

    [Fact]
    public async Task ParallelDeliveriesNeverUseOneSessionAtTheSameTime()
    {
        using var server = new RecordingUpstream();
        await using var client = new SmtpDeliveryClient(_clock);
        var firstWave = new TaskCompletionSource();
        server.HoldFinalReply = firstWave.Task;
        Task<DeliveryResult>[] first = Enumerable.Range(0, 5).Select(_ => client.DeliverAsync(Upstream(server), Message())).ToArray();
        await RecordingUpstream.WaitUntilAsync(() => server.Count("DATA") == 5);
        firstWave.SetResult();
        Assert.All(await Task.WhenAll(first), AssertDelivered);
        Assert.Equal(5, client.IdleSessions);

        // Ten at once, all held open together: five take the kept sessions, one each, and five need new connections.
        var secondWave = new TaskCompletionSource();
        server.HoldFinalReply = secondWave.Task;
        Task<DeliveryResult>[] second = Enumerable.Range(0, 10).Select(_ => client.DeliverAsync(Upstream(server), Message())).ToArray();
        await RecordingUpstream.WaitUntilAsync(() => server.Count("DATA") == 15);
        secondWave.SetResult();
        Assert.All(await Task.WhenAll(second), AssertDelivered);

        Assert.Empty(server.Violations);
        Assert.Equal(10, server.ConnectionCount);
        Assert.All(server.Commands.Take(5), c => Assert.Equal(2, c.Count(line => line.StartsWith("MAIL", StringComparison.Ordinal))));
        Assert.Equal(5, client.IdleSessions); // at most five kept per upstream: the other five ended
        await RecordingUpstream.WaitUntilAsync(() => server.Count("QUIT") == 5);
    }

    [Fact]
    public async Task LongestIdleSessionGivesWayAtTheTotalBound()
    {
        using var server = new RecordingUpstream();
        await using var client = new SmtpDeliveryClient(_clock, new SessionCacheOptions { MaxIdleTotal = 1 });
        SmtpUpstream a = Upstream(server);
        SmtpUpstream b = a with { HeloName = "b.home.arpa" };

        await client.DeliverAsync(a, Message());
        await client.DeliverAsync(b, Message());

        Assert.Equal(1, client.IdleSessions);
        await RecordingUpstream.WaitUntilAsync(() => server.Count("QUIT") == 1);
        Assert.Equal([.. OneTransaction, "QUIT"], Verbs(server.Commands[0]));
        await client.DeliverAsync(b, Message());
        Assert.Equal(2, server.ConnectionCount);
    }

    [Fact]
    public async Task SessionAfterARefusedMailIsNotReused()
    {
        using var server = new RecordingUpstream { RefusedSenders = { "spoof@lan.example" } };
        await using var client = new SmtpDeliveryClient(_clock);

        DeliveryResult refused = await client.DeliverAsync(Upstream(server), Message("spoof@lan.example"));
        DeliveryResult next = await client.DeliverAsync(Upstream(server), Message());

        Assert.Equal(DeliveryFailure.MailRefused, refused.Failure);
        AssertDelivered(next);
        Assert.Equal(2, server.ConnectionCount);
        Assert.Equal(["EHLO", "MAIL", "QUIT"], Verbs(server.Commands[0]));
    }

    [Fact]
    public async Task SessionAfterATimeoutIsNotReused()
    {
        using var server = new RecordingUpstream();
        await using var client = new SmtpDeliveryClient(_clock);
        var never = new TaskCompletionSource();
        server.HoldFinalReply = never.Task;
        Task<DeliveryResult> stuck = client.DeliverAsync(Upstream(server), Message());
        await RecordingUpstream.WaitUntilAsync(() => _clock.HasTimerDueIn(ClientTimeouts.Default.DataTermination));

        _clock.Advance(ClientTimeouts.Default.DataTermination);
        DeliveryResult timedOut = await stuck.WaitAsync(TimeSpan.FromSeconds(10));
        server.HoldFinalReply = null;
        never.SetResult();
        DeliveryResult next = await client.DeliverAsync(Upstream(server), Message());

        Assert.Equal(DeliveryFailure.Timeout, timedOut.Failure);
        AssertDelivered(next);
        Assert.Equal(2, server.ConnectionCount);
        Assert.Equal(OneTransaction, Verbs(server.Commands[1]));
    }

    [Fact]
    public async Task ReusedSessionReportsTheAuthAndTlsStateItWasOpenedWith()
    {
        using var server = new RecordingUpstream { OfferCramMd5 = true };
        await using var client = new SmtpDeliveryClient(_clock);
        SmtpUpstream upstream = Upstream(server) with { Credentials = new("relay", "s3cret") };

        DeliveryResult first = await client.DeliverAsync(upstream, Message());
        DeliveryResult second = await client.DeliverAsync(upstream, Message());

        Assert.Equal(AuthOutcome.Accepted, first.Auth);
        Assert.Equal(AuthOutcome.Accepted, second.Auth);
        Assert.False(second.Encrypted);
        Assert.Equal(1, server.Count("AUTH"));
        Assert.Equal(1, server.ConnectionCount);
    }
}
