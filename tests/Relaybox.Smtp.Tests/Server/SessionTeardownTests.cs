using System.Net;
using Relaybox.Smtp.Server;
using Serilog;

namespace Relaybox.Smtp.Tests.Server;

/// <summary>However a connection ends, the session ends quietly: no exception escapes, no error is logged.</summary>
public class SessionTeardownTests
{
    private static async Task<CapturingSink> RunAsync(SmtpSessionKind kind, Func<DuplexPipeStream, Task> client)
    {
        var sink = new CapturingSink();
        var log = new LoggerConfiguration().WriteTo.Sink(sink).CreateLogger();
        var server = new SmtpServer([], TestServers.Settings(withCertificate: true), new InMemorySpool(), log);
        var (serverEnd, clientEnd) = DuplexPipeStream.CreatePair();
        var session = server.HandleConnectionAsync(serverEnd, IPAddress.Loopback, kind);
        await client(clientEnd);
        await session.WaitAsync(TimeSpan.FromSeconds(10)); // throws if the session failed
        Assert.Equal(0, server.SessionCount);
        return sink;
    }

    [Fact]
    public async Task PlainTextSentToTheImplicitTlsPortEndsTheSessionQuietly()
    {
        var sink = await RunAsync(SmtpSessionKind.Smtps, async client =>
        {
            await client.WriteAsync("EHLO plain.test\r\n"u8.ToArray());
            client.CompleteWrites();
        });
        Assert.Contains(sink.Lines, l => l.StartsWith("Connection lost", StringComparison.Ordinal));
        Assert.Contains(sink.Lines, l => l.StartsWith("Disconnect", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ClientVanishingMidCommandEndsTheSessionQuietly()
    {
        await RunAsync(SmtpSessionKind.Smtp, async client =>
        {
            await client.WriteAsync("EHLO half.test\r\nMAIL FROM:<a@b"u8.ToArray());
            client.CompleteWrites();
        });
    }

    [Fact]
    public async Task ClientVanishingMidDataDiscardsTheMessage()
    {
        var spool = new InMemorySpool();
        var server = TestServers.Create(TestServers.Settings(), spool);
        var (serverEnd, clientEnd) = DuplexPipeStream.CreatePair();
        var session = server.HandleConnectionAsync(serverEnd, IPAddress.Loopback, SmtpSessionKind.Smtp);
        await clientEnd.WriteAsync("EHLO x\r\nMAIL FROM:<a@lan.test>\r\nRCPT TO:<b@example.net>\r\nDATA\r\nSubject: cut\r\n"u8.ToArray());
        clientEnd.CompleteWrites();
        await session.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Empty(spool.Committed);
        Assert.Equal(1, spool.Discarded);
    }
}
