using System.Net;
using Relaybox.Smtp.Server;
using Serilog;

namespace Relaybox.Smtp.Tests.Server;

public class SessionLoggingTests
{
    private static async Task<CapturingSink> RunAsync(params string[] commands)
    {
        var sink = new CapturingSink();
        var log = new LoggerConfiguration().WriteTo.Sink(sink).CreateLogger();
        var settings = TestServers.Settings() with { AuthOnlyOverTls = false };
        var server = new SmtpServer([], settings, new InMemorySpool(), log);
        var (serverEnd, clientEnd) = DuplexPipeStream.CreatePair();
        var session = server.HandleConnectionAsync(serverEnd, IPAddress.Loopback, SmtpSessionKind.Smtp);
        await using var client = new SmtpTestClient(clientEnd);
        await client.ReadReplyAsync();
        foreach (var command in commands)
        {
            await client.CommandAsync(command);
        }

        await client.CommandAsync("QUIT");
        await session.WaitAsync(TimeSpan.FromSeconds(10));
        return sink;
    }

    [Fact]
    public async Task PasswordsAndAuthPayloadsNeverReachTheLog()
    {
        string good = PlainTestMechanism.InitialResponse("alice", "secret");
        string bad = PlainTestMechanism.InitialResponse("alice", "hunter2");
        var sink = await RunAsync("EHLO client.test", "AUTH PLAIN " + bad, "AUTH PLAIN", good);
        Assert.Contains(sink.Lines, l => l.Contains("AUTH ok") && l.Contains("alice") && l.Contains("PLAIN"));
        Assert.Contains(sink.Lines, l => l.Contains("AUTH failed"));
        foreach (var line in sink.Lines)
        {
            Assert.DoesNotContain("secret", line);
            Assert.DoesNotContain("hunter2", line);
            Assert.DoesNotContain(good, line);
            Assert.DoesNotContain(bad, line);
        }
    }

    [Fact]
    public async Task ConnectAcceptAndDisconnectAreOneLineEach()
    {
        var sink = await RunAsync("EHLO client.test", "MAIL FROM:<a@lan.test>", "RCPT TO:<b@example.net>", "DATA", "hi\r\n.");
        Assert.Single(sink.Lines, l => l.StartsWith("Connect from", StringComparison.Ordinal));
        Assert.Single(sink.Lines, l => l.StartsWith("Accepted", StringComparison.Ordinal) && l.Contains("Q0001") && l.Contains("Recipients=1"));
        Assert.Single(sink.Lines, l => l.StartsWith("Disconnect", StringComparison.Ordinal) && l.Contains("Messages=1"));
    }
}
