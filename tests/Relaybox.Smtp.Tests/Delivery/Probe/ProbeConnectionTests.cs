using System.Net;
using System.Net.Sockets;
using Relaybox.Smtp.Delivery.Dns;
using Relaybox.Smtp.Delivery.Probe;
using Relaybox.Smtp.Delivery.Routing;
using Relaybox.Smtp.Tests.Delivery.Dns;
using Relaybox.Smtp.Tests.Delivery.Routing;
using static Relaybox.Smtp.Tests.Delivery.Probe.ProbeFixtures;

namespace Relaybox.Smtp.Tests.Delivery.Probe;

/// <summary>The connection test up to the greeting: DNS, TCP and what the server says first.</summary>
public sealed class ProbeConnectionTests
{
    [Fact]
    public async Task AClosedPortIsReportedAsARefusedConnection()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        ProbeReport report = await RunAsync(Request(port, Plain));

        Assert.False(report.Succeeded);
        Assert.Equal(ProbeStage.Connect, report.FailedStage);
        Assert.Contains("refused", report.Summary, StringComparison.Ordinal);
        Assert.Contains($"nothing listens on port {port}", report.Advice, StringComparison.Ordinal);
        Assert.Equal(["DNS: 127.0.0.1 is an address, nothing to look up"], report.Steps);
    }

    [Fact]
    public async Task APortThatDropsConnectionsIsReportedAsBlockedAfterTheStageTimeout()
    {
        using var blackhole = new BlackholeListener(IPAddress.Loopback, 0);

        ProbeReport report = await RunAsync(Request(blackhole.EndPoint.Port, Plain) with { StageTimeout = SilenceTimeout });

        Assert.Equal(ProbeStage.Connect, report.FailedStage);
        Assert.Contains("no answer from 127.0.0.1", report.Summary, StringComparison.Ordinal);
        Assert.Contains("is blocked", report.Advice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AServerThatNeverGreetsFailsAtTheGreetingWithTheImplicitTlsHint()
    {
        using var upstream = new ProbeUpstream();
        upstream.Run(dialogue => dialogue.ReadLineAsync());

        ProbeReport report = await RunAsync(Request(upstream.Port, Plain) with { StageTimeout = SilenceTimeout });

        Assert.Equal(ProbeStage.Greeting, report.FailedStage);
        Assert.Contains("did not answer within 1 s", report.Summary, StringComparison.Ordinal);
        Assert.Contains("tls_wrappermode = yes", report.Advice, StringComparison.Ordinal);
        Assert.Contains(report.Steps, s => s.StartsWith($"TCP: connected to 127.0.0.1:{upstream.Port}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheWholeTestEndsAtItsTotalTimeoutWhateverTheStepBounds()
    {
        using var upstream = new ProbeUpstream();
        upstream.Run(dialogue => dialogue.ReadLineAsync());
        ProbeRequest request = Request(upstream.Port, Plain) with { StageTimeout = TimeSpan.FromSeconds(30), TotalTimeout = TimeSpan.FromMilliseconds(500) };

        var started = System.Diagnostics.Stopwatch.StartNew();
        ProbeReport report = await RunAsync(request);

        Assert.Equal(ProbeStage.Greeting, report.FailedStage);
        Assert.Equal("the test ran out of time", report.Summary);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"took {started.Elapsed}");
    }

    [Fact]
    public async Task A554GreetingIsItsOwnFailureWithTheServersWords()
    {
        using var upstream = new ProbeUpstream();
        upstream.Run(async dialogue =>
        {
            await dialogue.SendAsync("554 5.7.1 your address is on our block list\n");
            await dialogue.QuitAsync();
        });

        ProbeReport report = await RunAsync(Request(upstream.Port, Plain));
        await upstream.Completion;

        Assert.Equal(ProbeStage.Greeting, report.FailedStage);
        Assert.Equal("554 5.7.1 your address is on our block list", report.ServerReply);
        Assert.Contains("554 5.7.1 your address is on our block list", report.Summary, StringComparison.Ordinal);
        Assert.Equal("QUIT", upstream.Received[^1]);
    }

    [Fact]
    public async Task ADomainThatDoesNotExistFailsAtDnsThroughTheConfiguredNameServers()
    {
        using var dns = new ScriptedDnsServer(new TestZone(DnsRecord.ForAddress("other.test", IPAddress.Loopback)));
        ProbeRequest request = Request(587, Plain) with
        {
            Relayhost = new Relayhost("typo.test", 587) { LookUpMx = true, Tls = Plain },
            NameServers = new DnsClientOptions([dns.EndPoint]),
        };

        ProbeReport report = await RunAsync(request);

        Assert.Equal(ProbeStage.Dns, report.FailedStage);
        Assert.Contains("typo.test does not exist", report.Summary, StringComparison.Ordinal);
        Assert.Contains("check the spelling", report.Advice, StringComparison.Ordinal);
        Assert.Empty(report.Steps);
        Assert.True(dns.UdpQueries >= 1);
    }

    [Fact]
    public async Task ABracketedNameIsLookedUpAsDeliveryConnectsToIt()
    {
        using var upstream = new ProbeUpstream();
        upstream.GreetAndQuit();

        ProbeReport report = await RunAsync(Request(upstream.Port, Plain, host: "localhost"));
        await upstream.Completion;

        Assert.True(report.Succeeded, report.Summary);
        Assert.StartsWith("DNS: localhost → ", report.Steps[0], StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", report.Steps[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARelayhostWithoutBracketsIsLookedUpByItsMxRecords()
    {
        using var dns = new ScriptedDnsServer(new TestZone(
            DnsRecord.ForMx("provider.test", 10, "mx.provider.test"),
            DnsRecord.ForAddress("mx.provider.test", IPAddress.Loopback)));
        using var upstream = new ProbeUpstream();
        upstream.GreetAndQuit();
        ProbeRequest request = Request(upstream.Port, Plain) with
        {
            Relayhost = new Relayhost("provider.test", upstream.Port) { LookUpMx = true, Tls = Plain },
            NameServers = new DnsClientOptions([dns.EndPoint]),
        };

        ProbeReport report = await RunAsync(request);

        Assert.True(report.Succeeded, report.Summary);
        Assert.Equal("DNS: provider.test MX → mx.provider.test (127.0.0.1)", report.Steps[0]);
    }
}
