using System.Net;
using Relaybox.Smtp.Server;

namespace Relaybox.Smtp.Tests.Server;

/// <summary>Timeouts run on the injected clock: nothing here waits for minutes to pass.</summary>
public class SessionTimeoutTests
{
    private static (SmtpTestClient Client, Task Session, ManualTimeProvider Clock) Start()
    {
        var clock = new ManualTimeProvider();
        var server = new SmtpServer([], TestServers.Settings(), new InMemorySpool(), TestServers.Log, clock);
        var (serverEnd, clientEnd) = DuplexPipeStream.CreatePair();
        var session = server.HandleConnectionAsync(serverEnd, IPAddress.Loopback, SmtpSessionKind.Smtp);
        return (new SmtpTestClient(clientEnd), session, clock);
    }

    [Fact]
    public async Task IdleSessionGets421AfterTheCommandTimeoutAndNotBefore()
    {
        var (client, session, clock) = Start();
        await using var _ = client;
        await client.ReadReplyAsync();
        await clock.WaitForSingleTimerAsync(TimeSpan.FromMinutes(5));
        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.StartsWith("250", await client.CommandAsync("NOOP"));
        clock.Advance(TimeSpan.FromMinutes(4)); // 8 minutes in all: each command restarts the timeout
        Assert.StartsWith("250", await client.CommandAsync("NOOP"));
        await clock.WaitForSingleTimerAsync(TimeSpan.FromMinutes(5));
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.StartsWith("421 4.4.2", (await client.ReadReplyAsync())[0]);
        await session.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task StalledDataGets421AfterTheDataTimeout()
    {
        var (client, session, clock) = Start();
        await using var _ = client;
        await client.ReadReplyAsync();
        await client.CommandAsync("EHLO client.test");
        await client.CommandAsync("MAIL FROM:<a@lan.test>");
        await client.CommandAsync("RCPT TO:<b@example.net>");
        Assert.StartsWith("354", await client.CommandAsync("DATA"));
        await client.SendAsync("Subject: slow\r\n");
        await clock.WaitForSingleTimerAsync(TimeSpan.FromMinutes(3));
        clock.Advance(TimeSpan.FromMinutes(3));
        Assert.StartsWith("421 4.4.2", (await client.ReadReplyAsync())[0]);
        await session.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task ReceivedHeaderDateComesFromTheInjectedClock()
    {
        var clock = new ManualTimeProvider();
        var spool = new InMemorySpool();
        var server = new SmtpServer([], TestServers.Settings(), spool, TestServers.Log, clock);
        var (serverEnd, clientEnd) = DuplexPipeStream.CreatePair();
        var session = server.HandleConnectionAsync(serverEnd, IPAddress.Loopback, SmtpSessionKind.Smtp);
        await using var client = new SmtpTestClient(clientEnd);
        await client.ReadReplyAsync();
        await client.CommandAsync("EHLO client.test");
        await client.CommandAsync("MAIL FROM:<a@lan.test>");
        await client.CommandAsync("RCPT TO:<b@example.net>");
        await client.CommandAsync("DATA");
        Assert.StartsWith("250", await client.CommandAsync("x\r\n."));
        var (envelope, content) = Assert.Single(spool.Committed);
        Assert.Equal(clock.GetUtcNow(), envelope.ReceivedAt);
        Assert.Contains("Sun, 22 Nov 2026 12:00:00 +0000", System.Text.Encoding.ASCII.GetString(content));
    }
}
