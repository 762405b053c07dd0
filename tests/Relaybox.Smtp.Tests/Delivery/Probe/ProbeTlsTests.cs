using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Relaybox.Smtp.Delivery.Client;
using Relaybox.Smtp.Delivery.Probe;
using static Relaybox.Smtp.Tests.Delivery.Probe.ProbeFixtures;

namespace Relaybox.Smtp.Tests.Delivery.Probe;

/// <summary>The connection test's TLS step: STARTTLS missing, certificates refused for each reason, pins, implicit TLS.</summary>
public sealed class ProbeTlsTests
{
    private static readonly TlsPolicy Secure = new() { Level = TlsSecurityLevel.Secure };

    [Fact]
    public async Task AServerWithoutStartTlsFailsAtTlsWhenTlsIsRequired()
    {
        using var upstream = new ProbeUpstream();
        upstream.GreetAndQuit("AUTH PLAIN");

        ProbeReport report = await RunAsync(Request(upstream.Port, Secure, Credentials));
        await upstream.Completion;

        Assert.Equal(ProbeStage.Tls, report.FailedStage);
        Assert.Contains("does not offer STARTTLS", report.Summary, StringComparison.Ordinal);
        Assert.Contains("587", report.Advice, StringComparison.Ordinal);
        Assert.DoesNotContain(upstream.Received, line => line.StartsWith("AUTH", StringComparison.Ordinal));
        Assert.Contains("EHLO: accepted (offers AUTH PLAIN)", report.Steps);
    }

    [Fact]
    public async Task ASelfSignedCertificateIsACertificateFailureWithItsFingerprint()
    {
        using X509Certificate2 certificate = SelfSigned();
        using var upstream = StartTlsServer(certificate);

        ProbeReport report = await RunAsync(Request(upstream.Port, Secure, Credentials, host: "localhost"));

        Assert.Equal(ProbeStage.Certificate, report.FailedStage);
        Assert.NotNull(report.Certificate);
        string expected = Convert.ToHexStringLower(SHA256.HashData(certificate.RawData));
        Assert.Equal(expected, report.Certificate.Fingerprint);
        Assert.True(report.Certificate.SelfSigned);
        Assert.Equal("localhost", report.Certificate.IssuedTo);
        Assert.Contains("certificate not trusted: issued by 'localhost' to 'localhost'; self-signed", report.Summary, StringComparison.Ordinal);
        Assert.Contains($"tls_fingerprint = {expected}", report.Advice, StringComparison.Ordinal);
        Assert.Contains("tls_ca_file", report.Advice, StringComparison.Ordinal);
        Assert.DoesNotContain(upstream.Received, line => line.StartsWith("AUTH", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ACertificateFromAnUnknownCaNamesItsIssuer()
    {
        var (_, server) = PrivateCa();
        using var upstream = StartTlsServer(server);

        ProbeReport report = await RunAsync(Request(upstream.Port, Secure, host: "localhost"));

        Assert.Equal(ProbeStage.Certificate, report.FailedStage);
        Assert.Contains("issued by 'relaybox test CA' to 'localhost'; not signed by a known authority", report.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APinnedFingerprintMakesTheSameCertificatePass()
    {
        using X509Certificate2 certificate = SelfSigned();
        using var upstream = StartTlsServer(certificate, quitAfterEhlo: true);
        var pinned = new TlsPolicy { Level = TlsSecurityLevel.Encrypt, PinnedFingerprints = [SHA256.HashData(certificate.RawData)] };

        ProbeReport report = await RunAsync(Request(upstream.Port, pinned, host: "localhost"));
        await upstream.Completion;

        Assert.True(report.Succeeded, report.Summary + " / " + report.Advice);
        Assert.Contains(report.Steps, s => s.StartsWith("TLS: STARTTLS, TLSv1.", StringComparison.Ordinal) && s.EndsWith("certificate matches tls_fingerprint", StringComparison.Ordinal));
        Assert.Equal("QUIT: done, no mail was sent", report.Steps[^1]);
    }

    [Fact]
    public async Task AnotherPinIsAFingerprintMismatch()
    {
        using X509Certificate2 certificate = SelfSigned();
        using var upstream = StartTlsServer(certificate);
        var pinned = new TlsPolicy { Level = TlsSecurityLevel.Encrypt, PinnedFingerprints = [new byte[32]] };

        ProbeReport report = await RunAsync(Request(upstream.Port, pinned, host: "localhost"));

        Assert.Equal(ProbeStage.Certificate, report.FailedStage);
        Assert.Contains("does not match tls_fingerprint", report.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACertificateForAnotherNameIsANameMismatch()
    {
        var (files, server) = PrivateCa();
        using var upstream = StartTlsServer(server);
        var trusted = new TlsPolicy { Level = TlsSecurityLevel.Secure, CaFile = files.CaFile, ExpectedName = "mail.lan" };

        ProbeReport report = await RunAsync(Request(upstream.Port, trusted));

        Assert.Equal(ProbeStage.Certificate, report.FailedStage);
        Assert.Contains("certificate not made out to 'mail.lan': issued by 'relaybox test CA' to 'localhost' (it names localhost, 127.0.0.1)", report.Summary, StringComparison.Ordinal);
        Assert.Contains("set relayhost to a name the certificate carries", report.Advice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImplicitTlsWithAPrivateCaPassesAndReportsTheVersion()
    {
        var (files, server) = PrivateCa();
        using var upstream = new ProbeUpstream();
        upstream.Run(async dialogue =>
        {
            Assert.True(await dialogue.UpgradeAsync(server));
            await dialogue.GreetAsync();
            await dialogue.QuitAsync();
        });
        var wrapped = new TlsPolicy { Level = TlsSecurityLevel.Secure, WrapperMode = true, CaFile = files.CaFile };

        ProbeReport report = await RunAsync(Request(upstream.Port, wrapped, host: "localhost") with
        {
            Relayhost = new Smtp.Delivery.Routing.Relayhost("127.0.0.1", upstream.Port) { Tls = wrapped with { ExpectedName = "localhost" } },
        });
        await upstream.Completion;

        Assert.True(report.Succeeded, report.Summary);
        Assert.Contains(report.Steps, s => s.StartsWith("TLS: implicit TLS, TLSv1.", StringComparison.Ordinal)
            && s.EndsWith($"certificate for localhost verified by the CA in {files.CaFile}", StringComparison.Ordinal));
        Assert.Equal(Convert.ToHexStringLower(files.LeafSha256), report.Certificate?.Fingerprint);
    }

    [Fact]
    public async Task ImplicitTlsAgainstAStartTlsPortSuggestsTurningWrapperModeOff()
    {
        using var upstream = new ProbeUpstream();
        upstream.Run(async dialogue =>
        {
            await dialogue.SendAsync("220 smtp.provider.test ESMTP\n");
            await dialogue.ReadLineAsync();
        });
        var wrapped = new TlsPolicy { Level = TlsSecurityLevel.Secure, WrapperMode = true };

        ProbeReport report = await RunAsync(Request(upstream.Port, wrapped));

        Assert.Equal(ProbeStage.Tls, report.FailedStage);
        Assert.Contains("tls_wrappermode = no", report.Advice, StringComparison.Ordinal);
    }

    /// <summary>Greets, offers STARTTLS, hands the certificate over; after a handshake the client accepted, EHLO and QUIT.</summary>
    private static ProbeUpstream StartTlsServer(X509Certificate2 certificate, bool quitAfterEhlo = false)
    {
        var upstream = new ProbeUpstream();
        upstream.Run(async dialogue =>
        {
            await dialogue.GreetAsync("STARTTLS", "AUTH PLAIN LOGIN");
            await dialogue.ExpectAsync("STARTTLS");
            await dialogue.SendAsync("220 2.0.0 ready\n");
            if (await dialogue.UpgradeAsync(certificate) && quitAfterEhlo)
            {
                await dialogue.EhloAsync("AUTH PLAIN LOGIN");
                await dialogue.QuitAsync();
            }
        });
        return upstream;
    }
}
