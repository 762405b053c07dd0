using System.Net;
using System.Net.Sockets;
using Relaybox.Smtp.Delivery.Dns;
using Relaybox.Smtp.Tests.Server;

namespace Relaybox.Smtp.Tests.Delivery.Dns;

/// <summary>The client's transport rules against scripted servers on loopback.</summary>
public sealed class DnsClientTests
{
    private static readonly IPAddress Answer = IPAddress.Parse("192.0.2.53");

    private static DnsClientOptions Options(params IPEndPoint[] servers) =>
        new(servers) { Timeout = TimeSpan.FromSeconds(2), Attempts = 1 };

    [Fact]
    public async Task ATruncatedUdpAnswerIsAskedAgainOverTcp()
    {
        using var server = new ScriptedDnsServer(
            udp: query => [TestZone.Reply(query, DnsResponseCode.NoError, [], truncated: true).Encode()],
            tcp: query => TestZone.Reply(query, DnsResponseCode.NoError, [DnsRecord.ForAddress("big.test", Answer)]));

        var result = await new DnsClient(Options(server.EndPoint)).QueryAsync("big.test", DnsRecordType.A);

        Assert.Equal(DnsQueryStatus.Answer, result.Status);
        Assert.Equal(Answer, Assert.Single(result.Response!.Answers).Address);
        Assert.Equal(1, server.UdpQueries);
        Assert.Equal(1, server.TcpQueries);
    }

    [Fact]
    public async Task AServerThatTruncatesButHasNoTcpIsPassedOverForTheNextServer()
    {
        using var udpOnly = new ScriptedDnsServer(
            udp: query => [TestZone.Reply(query, DnsResponseCode.NoError, [], truncated: true).Encode()]);
        using var working = new ScriptedDnsServer(new TestZone(DnsRecord.ForAddress("big.test", Answer)));

        var result = await new DnsClient(Options(udpOnly.EndPoint, working.EndPoint)).QueryAsync("big.test", DnsRecordType.A);

        Assert.Equal(DnsQueryStatus.Answer, result.Status);
        Assert.Equal(Answer, Assert.Single(result.Response!.Answers).Address);
        Assert.Equal(1, udpOnly.UdpQueries);
        Assert.Equal(1, working.UdpQueries);
    }

    [Fact]
    public async Task DatagramsWithAnotherIdOrQuestionOrGarbageAreIgnored()
    {
        var forged = IPAddress.Parse("198.51.100.66");
        using var server = new ScriptedDnsServer(udp: query =>
        [
            TestZone.Reply(query, DnsResponseCode.NoError, [DnsRecord.ForAddress("a.test", forged)],
                id: unchecked((ushort)(query.Header.Id + 1))).Encode(),
            new DnsMessage(new DnsHeader(query.Header.Id, true, 0, true, false, true, true, DnsResponseCode.NoError),
                [new DnsQuestion("other.test", DnsRecordType.A)], [DnsRecord.ForAddress("other.test", forged)], [], []).Encode(),
            [0xFF, 0x00, 0x12],
            query.Encode(), // a query, not a response
            TestZone.Reply(query, DnsResponseCode.NoError, [DnsRecord.ForAddress("a.test", Answer)]).Encode(),
        ]);

        var result = await new DnsClient(Options(server.EndPoint)).QueryAsync("A.Test", DnsRecordType.A);

        Assert.Equal(DnsQueryStatus.Answer, result.Status);
        Assert.Equal(Answer, Assert.Single(result.Response!.Answers).Address);
    }

    [Fact]
    public async Task AServerThatNeverAnswersTimesOutOnTheInjectedClock()
    {
        using var silent = new SilentUdpPort();
        var clock = new ManualTimeProvider();
        var options = new DnsClientOptions([silent.EndPoint]) { Timeout = TimeSpan.FromSeconds(5), Attempts = 1 };
        var resolver = new MxResolver(new DnsClient(options, clock));

        var pending = resolver.ResolveAsync("slow.test");
        await clock.WaitForSingleTimerAsync(TimeSpan.FromSeconds(5));
        Assert.False(pending.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(5));
        var result = await pending.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(MxResolutionKind.Temporary, result.Kind);
        Assert.False(result.IsPermanentFailure);
    }

    [Fact]
    public async Task EachAttemptAsksEveryServerAgain()
    {
        using var first = new ScriptedDnsServer(udp: _ => []);
        using var second = new ScriptedDnsServer(udp: _ => []);
        var options = new DnsClientOptions([first.EndPoint, second.EndPoint])
        {
            Timeout = TimeSpan.FromMilliseconds(100),
            Attempts = 3,
        };

        var result = await new DnsClient(options).QueryAsync("quiet.test", DnsRecordType.Mx);

        Assert.Equal(DnsQueryStatus.Timeout, result.Status);
        Assert.True(result.IsTemporary);
        Assert.Equal(3, first.UdpQueries);
        Assert.Equal(3, second.UdpQueries);
    }

    [Fact]
    public async Task ServfailFromTheFirstServerSendsTheQueryToTheSecond()
    {
        using var failing = new ScriptedDnsServer(udp: query => [TestZone.Reply(query, DnsResponseCode.ServerFailure, []).Encode()]);
        using var working = new ScriptedDnsServer(new TestZone(DnsRecord.ForAddress("host.test", Answer)));

        var result = await new DnsClient(Options(failing.EndPoint, working.EndPoint)).QueryAsync("host.test", DnsRecordType.A);

        Assert.Equal(DnsQueryStatus.Answer, result.Status);
        Assert.Equal(Answer, Assert.Single(result.Response!.Answers).Address);
        Assert.Equal(1, failing.UdpQueries);
    }

    [Fact]
    public async Task WhenEveryServerFailsTheResultIsAServerFailure()
    {
        using var refusing = new ScriptedDnsServer(udp: query => [TestZone.Reply(query, DnsResponseCode.Refused, []).Encode()]);
        using var silent = new SilentUdpPort();
        var options = new DnsClientOptions([refusing.EndPoint, silent.EndPoint])
        {
            Timeout = TimeSpan.FromMilliseconds(100),
            Attempts = 1,
        };

        var result = await new DnsClient(options).QueryAsync("host.test", DnsRecordType.A);

        Assert.Equal(DnsQueryStatus.ServerFailure, result.Status);
        Assert.Contains("Refused", result.Detail);
    }

    [Fact]
    public async Task AClosedPortIsSkippedWithoutWaitingForTheTimeout()
    {
        int closedPort;
        using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            closedPort = ((IPEndPoint)probe.LocalEndPoint!).Port;
        }

        using var working = new ScriptedDnsServer(new TestZone(DnsRecord.ForAddress("host.test", Answer)));
        var options = new DnsClientOptions([new IPEndPoint(IPAddress.Loopback, closedPort), working.EndPoint])
        {
            Timeout = TimeSpan.FromSeconds(30),
            Attempts = 1,
        };

        var result = await new DnsClient(options).QueryAsync("host.test", DnsRecordType.A).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(DnsQueryStatus.Answer, result.Status);
    }

    [Fact]
    public async Task AnInvalidNameIsRefusedWithoutAQuery()
    {
        using var server = new ScriptedDnsServer(new TestZone());

        var result = await new DnsClient(Options(server.EndPoint)).QueryAsync("bad..name", DnsRecordType.A);

        Assert.Equal(DnsQueryStatus.InvalidName, result.Status);
        Assert.Equal(0, server.UdpQueries);
    }

    [Fact]
    public async Task TheCallersCancellationEndsAQueryWithOperationCanceled()
    {
        using var silent = new SilentUdpPort();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var client = new DnsClient(new DnsClientOptions([silent.EndPoint]) { Timeout = TimeSpan.FromSeconds(30) });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.QueryAsync("x.test", DnsRecordType.A, cancel.Token));
    }
}
