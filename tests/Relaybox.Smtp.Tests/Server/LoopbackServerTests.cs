using System.Security.Authentication;
using System.Text;
using Relaybox.Smtp.Server;

namespace Relaybox.Smtp.Tests.Server;

/// <summary>The server over real loopback sockets with real TLS (SslStream on both ends).</summary>
public class LoopbackServerTests
{
    private static SmtpServerSettings TlsSettings() => TestServers.Settings(withCertificate: true);

    [Fact]
    public async Task StartTlsUpgradesTheConnectionAndOffersAuthAfterwards()
    {
        await using var server = await LoopbackServer.StartAsync(TlsSettings());
        await using var client = await server.ConnectAsync(SmtpSessionKind.Submission);
        Assert.StartsWith("220 relay.test ESMTP relaybox", (await client.ReadReplyAsync())[0]);
        var before = await client.CommandAsync("EHLO client.test");
        Assert.Contains("250-STARTTLS", before);
        Assert.DoesNotContain("AUTH", before);
        Assert.StartsWith("220 2.0.0", await client.CommandAsync("STARTTLS"));
        await client.StartTlsAsync();
        Assert.True(client.Tls!.SslProtocol >= SslProtocols.Tls12);
        var after = await client.CommandAsync("EHLO client.test");
        Assert.Contains("AUTH PLAIN", after);
        Assert.DoesNotContain("STARTTLS", after);
        Assert.StartsWith("235 2.7.0", await client.CommandAsync("AUTH PLAIN " + PlainTestMechanism.InitialResponse("alice", "secret")));
    }

    [Fact]
    public async Task BytesSentWithStartTlsAreDiscardedNotRunInsideTls()
    {
        await using var server = await LoopbackServer.StartAsync(TlsSettings());
        await using var client = await server.ConnectAsync(SmtpSessionKind.Smtp);
        await client.ReadReplyAsync();
        await client.CommandAsync("EHLO client.test");
        await client.SendAsync("STARTTLS\r\nMAIL FROM:<evil@x.test>\r\n");
        Assert.StartsWith("220 2.0.0", (await client.ReadReplyAsync())[0]);
        await client.StartTlsAsync();

        // Had the injected MAIL been run, its 250/503 would come before the EHLO answer.
        var ehlo = await client.CommandAsync("EHLO client.test");
        Assert.StartsWith("250-relay.test", ehlo);
        Assert.StartsWith("503 5.5.1", await client.CommandAsync("RCPT TO:<a@example.net>"));
    }

    [Fact]
    public async Task SecondStartTlsIsRefused()
    {
        await using var server = await LoopbackServer.StartAsync(TlsSettings());
        await using var client = await server.ConnectAsync(SmtpSessionKind.Smtp);
        await client.ReadReplyAsync();
        await client.CommandAsync("EHLO client.test");
        await client.CommandAsync("STARTTLS");
        await client.StartTlsAsync();
        await client.CommandAsync("EHLO client.test");
        Assert.StartsWith("503 5.5.1", await client.CommandAsync("STARTTLS"));
    }

    [Fact]
    public async Task ImplicitTlsGreetsInsideTlsAndRequiresAuth()
    {
        await using var server = await LoopbackServer.StartAsync(TlsSettings() with { AuthenticatedHeader = true });
        await using var client = await server.ConnectAsync(SmtpSessionKind.Smtps);
        await client.StartTlsAsync();
        Assert.StartsWith("220 relay.test ESMTP relaybox", (await client.ReadReplyAsync())[0]);
        var ehlo = await client.CommandAsync("EHLO client.test");
        Assert.Contains("AUTH PLAIN", ehlo);
        Assert.DoesNotContain("STARTTLS", ehlo);
        Assert.StartsWith("530 5.7.0", await client.CommandAsync("MAIL FROM:<alice@example.org>"));
        Assert.StartsWith("235", await client.CommandAsync("AUTH PLAIN " + PlainTestMechanism.InitialResponse("alice", "secret")));
        Assert.StartsWith("250", await client.CommandAsync("MAIL FROM:<alice@example.org>"));
        Assert.StartsWith("250", await client.CommandAsync("RCPT TO:<bob@example.net>"));
        Assert.StartsWith("354", await client.CommandAsync("DATA"));
        Assert.StartsWith("250 2.0.0 Ok: queued as", await client.CommandAsync("Subject: x\r\n\r\nhello\r\n."));

        var (envelope, content) = Assert.Single(server.Spool.Committed);
        Assert.Equal("alice", envelope.AuthenticatedLogin);
        string text = Encoding.UTF8.GetString(content);
        Assert.Contains("with ESMTPSA id", text);
        Assert.Contains("(using TLSv1.", text);
        Assert.Contains("(authenticated as alice)", text);
        Assert.EndsWith("hello\r\n", text);
    }

    [Fact]
    public async Task ImplicitTlsWithoutCertificateClosesTheConnection()
    {
        await using var server = await LoopbackServer.StartAsync(TestServers.Settings());
        await using var client = await server.ConnectAsync(SmtpSessionKind.Smtps);
        Assert.Null(await client.ReadLineAsync());
    }

    [Fact]
    public async Task Tls11IsRefusedByDefault()
    {
        await using var server = await LoopbackServer.StartAsync(TlsSettings());
        await using var client = await server.ConnectAsync(SmtpSessionKind.Smtps);
#pragma warning disable SYSLIB0039 // the point is to offer only an obsolete version
        var handshake = client.StartTlsAsync(SslProtocols.Tls11);
#pragma warning restore SYSLIB0039
        await Assert.ThrowsAnyAsync<Exception>(() => handshake);
    }

    [Fact]
    public async Task PerClientTlsCallbackDecidesTheVersionsForThatClient()
    {
        var seen = new List<System.Net.IPAddress>();
        var settings = TlsSettings() with
        {
            TlsProtocolsForClient = address =>
            {
                lock (seen)
                {
                    seen.Add(address);
                }

                return SslProtocols.Tls13;
            },
        };
        await using var server = await LoopbackServer.StartAsync(settings);
        await using var client = await server.ConnectAsync(SmtpSessionKind.Smtps);
        await Assert.ThrowsAnyAsync<Exception>(() => client.StartTlsAsync(SslProtocols.Tls12));
        Assert.Equal([System.Net.IPAddress.Loopback], seen);
    }

    [Fact]
    public async Task ConnectionsOverThePerAddressLimitGet421()
    {
        var settings = TestServers.Settings() with { Limits = new() { MaxSessionsPerAddress = 1 } };
        await using var server = await LoopbackServer.StartAsync(settings);
        await using var first = await server.ConnectAsync(SmtpSessionKind.Smtp);
        Assert.StartsWith("220", (await first.ReadReplyAsync())[0]);
        await using var second = await server.ConnectAsync(SmtpSessionKind.Smtp);
        Assert.StartsWith("421 4.7.0", (await second.ReadReplyAsync())[0]);
        Assert.Null(await second.ReadLineAsync());
        Assert.StartsWith("250", await first.CommandAsync("NOOP"));
    }

    [Fact]
    public async Task StopTellsIdleSessions421AndLetsAMessageInDataFinish()
    {
        var server = await LoopbackServer.StartAsync(TestServers.Settings());
        await using var idle = await server.ConnectAsync(SmtpSessionKind.Smtp);
        await using var busy = await server.ConnectAsync(SmtpSessionKind.Smtp);
        await idle.ReadReplyAsync();
        await busy.ReadReplyAsync();
        await idle.CommandAsync("EHLO idle.test");
        await busy.CommandAsync("EHLO busy.test");
        await busy.CommandAsync("MAIL FROM:<dev@lan.test>");
        await busy.CommandAsync("RCPT TO:<a@example.net>");
        Assert.StartsWith("354", await busy.CommandAsync("DATA"));
        await busy.SendAsync("Subject: half\r\n");

        var stop = server.Server.StopAsync(TimeSpan.FromSeconds(10));
        Assert.StartsWith("421 4.3.2", (await idle.ReadReplyAsync())[0]);
        Assert.Null(await idle.ReadLineAsync());
        Assert.False(stop.IsCompleted);

        Assert.StartsWith("250 2.0.0 Ok: queued as", await busy.CommandAsync("\r\nbody\r\n."));
        Assert.StartsWith("421 4.3.2", (await busy.ReadReplyAsync())[0]);
        await stop.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Single(server.Spool.Committed);
        Assert.Equal(0, server.Server.SessionCount);
    }

    [Fact]
    public async Task StopAbortsSessionsStillInDataAfterTheDrainTime()
    {
        var server = await LoopbackServer.StartAsync(TestServers.Settings());
        await using var busy = await server.ConnectAsync(SmtpSessionKind.Smtp);
        await busy.ReadReplyAsync();
        await busy.CommandAsync("EHLO busy.test");
        await busy.CommandAsync("MAIL FROM:<dev@lan.test>");
        await busy.CommandAsync("RCPT TO:<a@example.net>");
        await busy.CommandAsync("DATA");
        await busy.SendAsync("Subject: never finished\r\n");

        await server.Server.StopAsync(TimeSpan.FromMilliseconds(200)).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Null(await busy.ReadLineAsync());
        Assert.Empty(server.Spool.Committed);
        Assert.Equal(1, server.Spool.Discarded);
    }

    [Fact]
    public async Task UpdatedSettingsReachAnOpenSessionAtItsNextCommand()
    {
        await using var server = await LoopbackServer.StartAsync(TestServers.Settings());
        await using var client = await server.ConnectAsync(SmtpSessionKind.Smtp);
        await client.ReadReplyAsync();
        Assert.StartsWith("250-relay.test", await client.CommandAsync("EHLO client.test"));
        server.Server.UpdateSettings(server.Server.Settings with { HostName = "renamed.test", Limits = new() { MaxMessageSize = 5000 } });
        var ehlo = await client.CommandAsync("EHLO client.test");
        Assert.StartsWith("250-renamed.test", ehlo);
        Assert.Contains("250-SIZE 5000", ehlo);
    }

    [Fact]
    public async Task StartFailsWhenAnAddressIsTaken()
    {
        await using var first = await LoopbackServer.StartAsync(TestServers.Settings());
        var taken = first.Server.BoundEndPoints[0].EndPoint;
        var second = TestServers.Create(TestServers.Settings(), new InMemorySpool(), [new SmtpListenerOptions(taken, SmtpSessionKind.Smtp)]);
        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(second.StartAsync);
    }

    [Fact]
    public async Task ChannelBindingOfTheTlsConnectionReachesTheMechanism()
    {
        var seen = new List<byte[]>();
        var settings = TlsSettings() with
        {
            ChannelBindingSource = certificate => certificate.GetCertHash(System.Security.Cryptography.HashAlgorithmName.SHA256),
            MechanismFactory = (name, context) =>
            {
                lock (seen)
                {
                    seen.Add(context.ChannelBinding.ToArray());
                }

                return new PlainTestMechanism();
            },
        };
        await using var server = await LoopbackServer.StartAsync(settings);
        await using var client = await server.ConnectAsync(SmtpSessionKind.Smtps);
        await client.StartTlsAsync();
        await client.ReadReplyAsync();
        await client.CommandAsync("EHLO client.test");
        Assert.StartsWith("235", await client.CommandAsync("AUTH PLAIN " + PlainTestMechanism.InitialResponse("alice", "secret")));
        var expected = TestCertificates.ServerCertificate.GetCertHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        Assert.Equal(expected, Assert.Single(seen));
    }

    [Fact]
    public async Task ServerCanListenAgainOnTheSamePortRightAfterStopping()
    {
        var first = await LoopbackServer.StartAsync(TestServers.Settings());
        var endPoint = first.Server.BoundEndPoints[0].EndPoint;
        await using (var client = await first.ConnectAsync(SmtpSessionKind.Smtp))
        {
            await client.ReadReplyAsync();
            await client.CommandAsync("QUIT");
        }

        await first.Server.StopAsync(TimeSpan.FromSeconds(1));
        await using var second = TestServers.Create(TestServers.Settings(), new InMemorySpool(), [new SmtpListenerOptions(endPoint, SmtpSessionKind.Smtp)]);
        await second.StartAsync();
        Assert.Equal(endPoint.Port, second.BoundEndPoints[0].EndPoint.Port);
    }

    [Fact]
    public async Task TwentyConcurrentClientsAreAllServedAndEverySessionEnds()
    {
        await using var server = await LoopbackServer.StartAsync(TestServers.Settings());
        var clients = Enumerable.Range(0, 20).Select(async i =>
        {
            await using var client = await server.ConnectAsync(SmtpSessionKind.Smtp);
            await client.ReadReplyAsync();
            await client.CommandAsync("EHLO c" + i);
            // One pipelined group per client, then the message.
            await client.SendAsync($"MAIL FROM:<c{i}@lan.test>\r\nRCPT TO:<r{i}@example.net>\r\nDATA\r\n");
            Assert.StartsWith("250", (await client.ReadReplyAsync())[0]);
            Assert.StartsWith("250", (await client.ReadReplyAsync())[0]);
            Assert.StartsWith("354", (await client.ReadReplyAsync())[0]);
            Assert.StartsWith("250 2.0.0 Ok: queued as", await client.CommandAsync($"Subject: {i}\r\n\r\n{new string('x', 100_000)}\r\n."));
            Assert.StartsWith("221", await client.CommandAsync("QUIT"));
        });
        await Task.WhenAll(clients).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(20, server.Spool.Committed.Count);
        Assert.Equal(20, server.Spool.Committed.Select(c => c.Envelope.ReversePath).Distinct().Count());
        for (int i = 0; i < 100 && server.Server.SessionCount > 0; i++)
        {
            await Task.Delay(20);
        }

        Assert.Equal(0, server.Server.SessionCount);
    }
}
