using System.Net;
using Relaybox.Smtp.Delivery.Client;
using Relaybox.Smtp.Delivery.Routing;
using Relaybox.Smtp.Tests.Delivery.Client;
using Relaybox.Smtp.Tests.Delivery.Dns;
using static Relaybox.Smtp.Tests.Delivery.Routing.RoutingFixtures;

namespace Relaybox.Smtp.Tests.Delivery.Routing;

/// <summary>
/// Delivery through a relayhost: a real upstream (python3-aiosmtpd with STARTTLS and AUTH) on 127.0.0.1, named
/// "localhost" as a smarthost is named, and what the router makes of its answers.
/// </summary>
public sealed class RelayhostDeliveryTests : IDisposable
{
    private const string Password = "correct horse";

    private readonly string _directory = Directory.CreateTempSubdirectory("relaybox-route-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>A DNS server that knows nothing: relayhost mode written as [host] must not need it.</summary>
    private static IPEndPoint NoDns => new(IPAddress.Loopback, 9);

    private static RoutingOptions Through(Relayhost relay) => new()
    {
        HeloName = "relay.home.arpa",
        Relayhost = relay,
        ConnectTimeout = SafeConnectTimeout,
        Timeouts = QuickTimeouts,
    };

    private async Task<(AiosmtpdUpstream Server, TestCertificates Certificates)> StartSmarthostAsync()
    {
        TestCertificates certificates = TestCertificates.Create(_directory);
        AiosmtpdUpstream server = await AiosmtpdUpstream.StartAsync(_directory,
            "--cert", certificates.ChainFile, "--key", certificates.KeyFile, "--login", "relay", "--password", Password);
        return (server, certificates);
    }

    [Fact]
    public async Task TheSmarthostTakesTheMailOverVerifiedTlsWithTheLogin()
    {
        var (server, certificates) = await StartSmarthostAsync();
        using var _ = server;
        var relay = new Relayhost("localhost", server.Port)
        {
            Tls = new TlsPolicy { Level = TlsSecurityLevel.Secure, CaFile = certificates.CaFile },
            Credentials = new UpstreamCredentials("relay", Password),
        };
        var router = Router(Through(relay), NoDns);

        RouteAttempt attempt = await router.DeliverAsync(router.DestinationOf("owner@example.net"), Message("owner@example.net"), CancellationToken.None);

        AssertDelivered(attempt);
        Assert.Equal(RouteCondition.Healthy, attempt.Condition);
        Assert.Equal("localhost", attempt.RemoteHost);
        Assert.True(attempt.Result.Encrypted);
        Assert.Equal(System.Text.Encoding.ASCII.GetBytes(Content), server.ReceivedContent());
    }

    [Fact]
    public async Task AWrongPasswordIsSmarthostLoginRefusedWithoutThePasswordInTheDetail()
    {
        var (server, certificates) = await StartSmarthostAsync();
        using var _ = server;
        const string wrong = "Tr0ub4dor&3";
        var relay = new Relayhost("localhost", server.Port)
        {
            Tls = new TlsPolicy { Level = TlsSecurityLevel.Secure, CaFile = certificates.CaFile },
            Credentials = new UpstreamCredentials("relay", wrong),
        };
        var router = Router(Through(relay), NoDns);

        RouteAttempt attempt = await router.DeliverAsync(relay.DisplayName, Message("owner@example.net"), CancellationToken.None);

        Assert.Equal(RouteCondition.SmarthostLoginRefused, attempt.Condition);
        Assert.Equal(RecipientOutcome.Deferred, Assert.Single(attempt.Result.Recipients).Outcome);
        Assert.Contains($"[localhost]:{server.Port}", attempt.ConditionDetail);
        Assert.Contains("535", attempt.ConditionDetail);
        Assert.DoesNotContain(wrong, attempt.ConditionDetail);
        Assert.DoesNotContain(wrong, attempt.Result.Recipients[0].Detail);
        Assert.DoesNotContain("MAIL", server.Commands());
    }

    [Fact]
    public async Task ASelfSignedSmarthostAtLevelSecureIsCertificateRejectedAndNothingGoesInPlainText()
    {
        var (certificate, key) = SelfSignedCertificate.Create(_directory);
        using AiosmtpdUpstream server = await AiosmtpdUpstream.StartAsync(_directory,
            "--cert", certificate, "--key", key, "--login", "relay", "--password", Password);
        var relay = new Relayhost("localhost", server.Port)
        {
            Tls = new TlsPolicy { Level = TlsSecurityLevel.Secure },
            Credentials = new UpstreamCredentials("relay", Password),
        };
        var router = Router(Through(relay), NoDns);

        RouteAttempt attempt = await router.DeliverAsync(relay.DisplayName, Message("owner@example.net"), CancellationToken.None);

        Assert.Equal(RouteCondition.SmarthostCertificateRejected, attempt.Condition);
        Assert.Equal(TlsFailureReason.CertificateUntrusted, attempt.Result.TlsFailure);
        Assert.Contains("not signed by a trusted authority", attempt.ConditionDetail);
        Assert.Equal(RecipientOutcome.Deferred, Assert.Single(attempt.Result.Recipients).Outcome);
        // Only the EHLO before STARTTLS reached the server: no AUTH, no MAIL, no content, in any form.
        Assert.Equal(["EHLO"], server.Commands());
        Assert.Null(server.ReceivedContent());
    }

    [Fact]
    public async Task ACertificateForAnotherNameIsCertificateRejectedAtSecure()
    {
        var (server, certificates) = await StartSmarthostAsync();
        using var _ = server;
        // The certificate names localhost and 127.0.0.1; the relayhost is configured by another name for the same host.
        var relay = new Relayhost("localhost", server.Port)
        {
            Tls = new TlsPolicy { Level = TlsSecurityLevel.Secure, CaFile = certificates.CaFile, ExpectedName = "smtp.example.net" },
        };
        var router = Router(Through(relay), NoDns);

        RouteAttempt attempt = await router.DeliverAsync(relay.DisplayName, Message("owner@example.net"), CancellationToken.None);

        Assert.Equal(RouteCondition.SmarthostCertificateRejected, attempt.Condition);
        Assert.Contains("not made out to smtp.example.net", attempt.ConditionDetail);
        Assert.DoesNotContain("MAIL", server.Commands());
    }

    [Fact]
    public async Task AClosedSmarthostPortIsSmarthostUnreachable()
    {
        int closed = LoopbackPorts.FreeOn(IPAddress.Loopback);
        var relay = new Relayhost("127.0.0.1", closed) { Tls = new TlsPolicy { Level = TlsSecurityLevel.Secure } };
        var router = Router(Through(relay), NoDns);

        RouteAttempt attempt = await router.DeliverAsync(relay.DisplayName, Message("a@example.net", "b@example.net"), CancellationToken.None);

        Assert.Equal(RouteCondition.SmarthostUnreachable, attempt.Condition);
        Assert.Equal($"the smarthost [127.0.0.1]:{closed} cannot be reached: connection refused", attempt.ConditionDetail);
        Assert.All(attempt.Result.Recipients, r => Assert.Equal(RecipientOutcome.Deferred, r.Outcome));
        Assert.Null(attempt.RemoteHost);
    }

    [Fact]
    public async Task ASmarthostThatTimesOutIsSmarthostUnreachable()
    {
        int port = LoopbackPorts.FreeOn(LoopbackPorts.Address(8));
        using var blackhole = new BlackholeListener(LoopbackPorts.Address(8), port);
        var relay = new Relayhost("127.0.0.8", port) { Tls = new TlsPolicy { Level = TlsSecurityLevel.Secure } };
        var router = Router(Through(relay) with { ConnectTimeout = ShortConnectTimeout }, NoDns);

        RouteAttempt attempt = await router.DeliverAsync(relay.DisplayName, Message("a@example.net"), CancellationToken.None);

        Assert.Equal(RouteCondition.SmarthostUnreachable, attempt.Condition);
        Assert.Contains("timed out", attempt.ConditionDetail);
    }

    [Fact]
    public async Task ARelayhostWithoutBracketsIsDeliveredToItsMxHosts()
    {
        var mx = LoopbackPorts.Address(9);
        using var server = new LoopbackSmtpServer(mx, 0);
        using var dns = await DnsmasqServer.StartAsync("--mx-host=provider.test,in.provider.test,10", "--host-record=in.provider.test,127.0.0.9");
        Assert.True(Relayhost.TryParse($"provider.test:{server.EndPoint.Port}", out Relayhost? parsed));
        var relay = parsed! with { Tls = new TlsPolicy { Level = TlsSecurityLevel.May } };
        var router = Router(Through(relay), dns.EndPoint);

        RouteAttempt attempt = await router.DeliverAsync(router.DestinationOf("someone@elsewhere.example"), Message("someone@elsewhere.example"), CancellationToken.None);

        AssertDelivered(attempt);
        Assert.Equal("in.provider.test", attempt.RemoteHost);
        Assert.Equal(RouteCondition.Healthy, attempt.Condition);
        Assert.Single(server.Messages);
    }

    [Fact]
    public async Task AFallbackRelayhostThatRefusesTheLoginIsReportedWithThePortBlockBeside()
    {
        var (server, certificates) = await StartSmarthostAsync();
        using var _ = server;
        var mx = LoopbackPorts.Address(45);
        int port = LoopbackPorts.FreeOn(mx);
        using var blackhole = new BlackholeListener(mx, port);
        using var dns = new ScriptedDnsServer(new TestZone(
            Relaybox.Smtp.Delivery.Dns.DnsRecord.ForMx("far.test", 10, "mx.far.test"),
            Relaybox.Smtp.Delivery.Dns.DnsRecord.ForAddress("mx.far.test", mx)));
        var fallback = new Relayhost("localhost", server.Port)
        {
            Tls = new TlsPolicy { Level = TlsSecurityLevel.Secure, CaFile = certificates.CaFile },
            Credentials = new UpstreamCredentials("relay", "not the password"),
        };
        var options = MxOptions(port) with { FallbackRelay = fallback, ConnectTimeout = ShortConnectTimeout };

        RouteAttempt attempt = await Router(options, dns.EndPoint).DeliverAsync("far.test", Message("x@far.test"), CancellationToken.None);

        Assert.Equal(RouteCondition.SmarthostLoginRefused, attempt.Condition);
        Assert.StartsWith($"fallback relayhost: the smarthost [localhost]:{server.Port} refused relaybox's login", attempt.ConditionDetail);
        Assert.EndsWith($"(port {port} blocked towards every MX of far.test)", attempt.ConditionDetail);
        Assert.Equal(RecipientOutcome.Deferred, Assert.Single(attempt.Result.Recipients).Outcome);
        Assert.Contains("AUTH", server.Commands());
        Assert.DoesNotContain("MAIL", server.Commands());
    }

    [Fact]
    public async Task ARelayhostNameThatDoesNotResolveDefersAndIsSmarthostUnreachable()
    {
        using var dns = await DnsmasqServer.StartAsync("--host-record=other.test,127.0.0.9");
        var relay = new Relayhost("missing.test", 587) { LookUpMx = true };
        var router = Router(Through(relay), dns.EndPoint);

        RouteAttempt attempt = await router.DeliverAsync(relay.DisplayName, Message("a@example.net"), CancellationToken.None);

        Assert.Equal(RecipientOutcome.Deferred, Assert.Single(attempt.Result.Recipients).Outcome);
        Assert.Equal(RouteCondition.SmarthostUnreachable, attempt.Condition);
        Assert.Contains("missing.test:587 cannot be found in DNS", attempt.ConditionDetail);
    }
}
