using System.Text;
using Relaybox.Smtp.Delivery.Client;
using Relaybox.Smtp.Delivery.Probe;
using static Relaybox.Smtp.Tests.Delivery.Probe.ProbeFixtures;

namespace Relaybox.Smtp.Tests.Delivery.Probe;

/// <summary>The connection test's AUTH step, over STARTTLS with a private CA as a LAN smarthost has.</summary>
public sealed class ProbeAuthTests
{
    [Fact]
    public async Task ARefusedLoginIsAnAuthFailureWithTheServersReplyAndNoPassword()
    {
        var (files, server) = PrivateCa();
        using var upstream = new ProbeUpstream();
        upstream.Run(async dialogue =>
        {
            await TlsAsync(dialogue, server);
            await dialogue.ExpectAsync("AUTH PLAIN");
            await dialogue.SendAsync($"535 5.7.8 Authentication credentials invalid (you sent {Password})\n");
            await dialogue.QuitAsync();
        });

        ProbeReport report = await RunAsync(Request(upstream.Port, Trusting(files.CaFile), Credentials, host: "localhost"));
        await upstream.Completion;

        Assert.Equal(ProbeStage.Auth, report.FailedStage);
        Assert.StartsWith("535 5.7.8 Authentication credentials invalid", report.ServerReply, StringComparison.Ordinal);
        Assert.Contains($"refused the login '{Login}' (PLAIN)", report.Summary, StringComparison.Ordinal);
        Assert.Contains("app password", report.Advice, StringComparison.Ordinal);
        string everything = string.Join('\n', [report.Summary, report.Advice, report.ServerReply, .. report.Steps]);
        Assert.DoesNotContain(Password, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{Login}\0{Password}")), everything, StringComparison.Ordinal);
        Assert.Contains(report.Steps, s => s.StartsWith("TLS: STARTTLS, TLSv1.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheRightLoginOverVerifiedTlsPassesEveryStep()
    {
        var (files, server) = PrivateCa();
        using var upstream = new ProbeUpstream();
        upstream.Run(async dialogue =>
        {
            await TlsAsync(dialogue, server);
            await dialogue.ExpectAsync("AUTH PLAIN");
            await dialogue.SendAsync("235 2.7.0 accepted\n");
            await dialogue.QuitAsync();
        });

        ProbeReport report = await RunAsync(Request(upstream.Port, Trusting(files.CaFile), Credentials, host: "localhost"));
        await upstream.Completion;

        Assert.True(report.Succeeded, report.Summary);
        Assert.Equal(ProbeStage.None, report.FailedStage);
        Assert.Equal(
            [
                $"TCP: connected to 127.0.0.1:{upstream.Port}",
                "SMTP: greeting 220 smtp.provider.test ESMTP",
                "EHLO: accepted (offers STARTTLS)",
            ],
            report.Steps.Skip(1).Take(3));
        Assert.Contains(report.Steps, s => s.EndsWith($"certificate for localhost verified by the CA in {files.CaFile}", StringComparison.Ordinal));
        Assert.Contains("EHLO: accepted over TLS (offers AUTH PLAIN)", report.Steps);
        Assert.Contains($"AUTH: PLAIN accepted for '{Login}'", report.Steps);
        Assert.Equal("QUIT: done, no mail was sent", report.Steps[^1]);
        Assert.DoesNotContain(upstream.Received, line => line.StartsWith("MAIL", StringComparison.Ordinal));
        Assert.Equal(Convert.ToHexStringLower(files.LeafSha256), report.Certificate?.Fingerprint);
    }

    [Fact]
    public async Task WithoutALoginTheAuthStepSaysItWasNotTested()
    {
        using var upstream = new ProbeUpstream();
        upstream.GreetAndQuit("AUTH PLAIN");

        ProbeReport report = await RunAsync(Request(upstream.Port, Plain));
        await upstream.Completion;

        Assert.True(report.Succeeded, report.Summary);
        Assert.Contains("TLS: off (tls_security_level = none): login and mail travel unencrypted", report.Steps);
        Assert.Contains("AUTH: not tested, no login configured (sasl_password_file)", report.Steps);
    }

    [Fact]
    public async Task ALoginOverPlainTextIsRefusedBeforeAnyPasswordIsSent()
    {
        using var upstream = new ProbeUpstream();
        upstream.GreetAndQuit("AUTH PLAIN LOGIN");

        ProbeReport report = await RunAsync(Request(upstream.Port, Plain, Credentials));
        await upstream.Completion;

        Assert.Equal(ProbeStage.Auth, report.FailedStage);
        Assert.Contains("server offers: LOGIN PLAIN", report.Summary, StringComparison.Ordinal);
        Assert.Contains("only over TLS", report.Advice, StringComparison.Ordinal);
        Assert.DoesNotContain(upstream.Received, line => line.StartsWith("AUTH", StringComparison.Ordinal));
    }

    private static TlsPolicy Trusting(string caFile) => new() { Level = TlsSecurityLevel.Secure, CaFile = caFile };

    /// <summary>Greeting, EHLO offering STARTTLS, the handshake, and EHLO again offering PLAIN.</summary>
    private static async Task TlsAsync(ProbeUpstream.Dialogue dialogue, System.Security.Cryptography.X509Certificates.X509Certificate2 server)
    {
        await dialogue.GreetAsync("STARTTLS");
        await dialogue.ExpectAsync("STARTTLS");
        await dialogue.SendAsync("220 2.0.0 ready\n");
        Assert.True(await dialogue.UpgradeAsync(server));
        await dialogue.EhloAsync("AUTH PLAIN");
    }
}
