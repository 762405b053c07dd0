using System.Net;
using System.Net.Sockets;
using System.Text;
using Relaybox.Smtp.Delivery.Client;
using Relaybox.Smtp.Protocol;
using Relaybox.Smtp.Queue;

namespace Relaybox.Smtp.Tests.Delivery.Client;

/// <summary>
/// The client against a real upstream (python3-aiosmtpd) on 127.0.0.1: what the upstream recorded is
/// compared with what was meant to be sent.
/// </summary>
public sealed class SmarthostDeliveryTests : IDisposable
{
    private static readonly byte[] Content = Encoding.UTF8.GetBytes(
        "From: printer@lan.example\r\nTo: owner@example.net\r\nSubject: scan\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" +
        ".leading dot\r\n..two dots\r\n.\r\nGrüße, 8-bit\r\n\r\nlast line\r\n");

    private readonly string _directory = Directory.CreateTempSubdirectory("relaybox-client-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static OutboundMessage Message(params string[] recipients) => Message(Content, BodyType.EightBitMime, recipients);

    private static OutboundMessage Message(byte[] content, BodyType body, params string[] recipients)
    {
        var envelope = new Envelope("printer@lan.example", recipients.Select(r => new EnvelopeRecipient(r, DsnNotify.Default, null)).ToList(),
            body, SmtpUtf8: false, DsnReturn.Unspecified, null, null, "192.168.1.20", "printer", DateTimeOffset.UnixEpoch);
        return new OutboundMessage(envelope, new MemoryStream(content), content.Length);
    }

    private static SmtpUpstream Upstream(AiosmtpdUpstream server, TlsPolicy tls, UpstreamCredentials? credentials = null) =>
        new("127.0.0.1", server.Port) { HeloName = "relay.home.arpa", Tls = tls, Credentials = credentials };

    private async Task<(AiosmtpdUpstream Server, TestCertificates Certificates)> StartWithTlsAsync(params string[] arguments)
    {
        TestCertificates certificates = TestCertificates.Create(_directory);
        AiosmtpdUpstream server = await AiosmtpdUpstream.StartAsync(_directory, ["--cert", certificates.ChainFile, "--key", certificates.KeyFile, .. arguments]);
        return (server, certificates);
    }

    [Fact]
    public async Task MessageArrivesByteForByteOverVerifiedStartTlsWithAuth()
    {
        var (server, certificates) = await StartWithTlsAsync("--login", "relay", "--password", "s3cret");
        using var _ = server;
        var tls = new TlsPolicy { Level = TlsSecurityLevel.Verify, CaFile = certificates.CaFile };

        DeliveryResult result = await new SmtpDeliveryClient().DeliverAsync(Upstream(server, tls, new("relay", "s3cret")), Message("owner@example.net"));

        Assert.Equal(DeliveryFailure.None, result.Failure);
        Assert.True(result.Encrypted);
        Assert.Equal(AuthOutcome.Accepted, result.Auth);
        Assert.Equal(RecipientOutcome.Delivered, Assert.Single(result.Recipients).Outcome);
        Assert.Equal(Content, server.ReceivedContent());
        var mail = server.Events().Single(e => e.GetProperty("cmd").GetString() == "MAIL");
        Assert.True(mail.GetProperty("tls").GetBoolean());
        Assert.Contains("BODY=8BITMIME", mail.GetProperty("options").EnumerateArray().Select(o => o.GetString()));
        Assert.Contains($"SIZE={Content.Length}", mail.GetProperty("options").EnumerateArray().Select(o => o.GetString()));
    }

    [Fact]
    public async Task MessagesInARowReuseTheSessionWithoutAnotherTlsHandshakeOrAuth()
    {
        var (server, certificates) = await StartWithTlsAsync("--login", "relay", "--password", "s3cret");
        using var _ = server;
        var tls = new TlsPolicy { Level = TlsSecurityLevel.Verify, CaFile = certificates.CaFile };
        await using var client = new SmtpDeliveryClient();

        var results = new List<DeliveryResult>();
        for (int i = 0; i < 3; i++)
        {
            results.Add(await client.DeliverAsync(Upstream(server, tls, new("relay", "s3cret")), Message("owner@example.net")));
        }

        Assert.All(results, r =>
        {
            Assert.Equal(RecipientOutcome.Delivered, Assert.Single(r.Recipients).Outcome);
            Assert.True(r.Encrypted);
            Assert.Equal(AuthOutcome.Accepted, r.Auth);
        });
        // One session: EHLO before and after STARTTLS, one AUTH, then three transactions, all over TLS.
        Assert.Equal(["EHLO", "EHLO", "AUTH", "MAIL", "RCPT", "DATA", "MAIL", "RCPT", "DATA", "MAIL", "RCPT", "DATA"], server.Commands());
        Assert.All(server.Events().Where(e => e.GetProperty("cmd").GetString() == "MAIL"), e => Assert.True(e.GetProperty("tls").GetBoolean()));
    }

    [Fact]
    public async Task LargeMessageSpanningManyBlocksArrivesByteForByte()
    {
        var (server, certificates) = await StartWithTlsAsync();
        using var _ = server;
        var random = new Random(5321);
        var text = new StringBuilder("Subject: big\r\n\r\n");
        while (text.Length < 400_000)
        {
            // Lines of every length, a third of them starting with a dot, so block boundaries fall everywhere.
            text.Append(random.Next(3) == 0 ? "." : "").Append('x', random.Next(0, 200)).Append("\r\n");
        }

        byte[] content = Encoding.ASCII.GetBytes(text.ToString());
        var tls = new TlsPolicy { Level = TlsSecurityLevel.Verify, CaFile = certificates.CaFile };

        DeliveryResult result = await new SmtpDeliveryClient().DeliverAsync(Upstream(server, tls), Message(content, BodyType.SevenBit, "owner@example.net"));

        Assert.Equal(RecipientOutcome.Delivered, Assert.Single(result.Recipients).Outcome);
        Assert.Equal(content, server.ReceivedContent());
    }

    [Fact]
    public async Task RequiredTlsWithoutStartTlsOfferedIsATypedFailureAndNothingIsSentInPlainText()
    {
        using AiosmtpdUpstream server = await AiosmtpdUpstream.StartAsync(_directory);

        DeliveryResult result = await new SmtpDeliveryClient().DeliverAsync(
            Upstream(server, new TlsPolicy { Level = TlsSecurityLevel.Encrypt }, new("relay", "s3cret")), Message("owner@example.net"));

        Assert.Equal(DeliveryFailure.Tls, result.Failure);
        Assert.Equal(TlsFailureReason.StartTlsNotOffered, result.TlsFailure);
        Assert.Equal(RecipientOutcome.Deferred, Assert.Single(result.Recipients).Outcome);
        Assert.Equal(["EHLO"], server.Commands());
        Assert.Null(server.ReceivedContent());
    }

    [Fact]
    public async Task CertificateFromAnUnknownCaIsATypedFailure()
    {
        var (server, _) = await StartWithTlsAsync();
        using var _ = server;

        DeliveryResult result = await new SmtpDeliveryClient().DeliverAsync(
            Upstream(server, new TlsPolicy { Level = TlsSecurityLevel.Verify }), Message("owner@example.net"));

        Assert.Equal(DeliveryFailure.Tls, result.Failure);
        Assert.Equal(TlsFailureReason.CertificateUntrusted, result.TlsFailure);
        Assert.DoesNotContain("MAIL", server.Commands());
    }

    [Fact]
    public async Task CertificateForAnotherNameIsANameMismatchAtSecure()
    {
        var (server, certificates) = await StartWithTlsAsync();
        using var _ = server;
        var tls = new TlsPolicy { Level = TlsSecurityLevel.Secure, CaFile = certificates.CaFile, ExpectedName = "smtp.other.example" };

        DeliveryResult result = await new SmtpDeliveryClient().DeliverAsync(Upstream(server, tls), Message("owner@example.net"));

        Assert.Equal(TlsFailureReason.NameMismatch, result.TlsFailure);
        Assert.DoesNotContain("MAIL", server.Commands());
    }

    [Fact]
    public async Task SecureWithTheRightNameAndPrivateCaDelivers()
    {
        var (server, certificates) = await StartWithTlsAsync();
        using var _ = server;
        var tls = new TlsPolicy { Level = TlsSecurityLevel.Secure, CaFile = certificates.CaFile, ExpectedName = "localhost" };

        DeliveryResult result = await new SmtpDeliveryClient().DeliverAsync(Upstream(server, tls), Message("owner@example.net"));

        Assert.Equal(DeliveryFailure.None, result.Failure);
        Assert.Equal(Content, server.ReceivedContent());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task FingerprintPinDecidesAtEncrypt(bool pinMatches)
    {
        var (server, certificates) = await StartWithTlsAsync();
        using var _ = server;
        byte[] pin = pinMatches ? certificates.LeafSha256 : new byte[32];
        var tls = new TlsPolicy { Level = TlsSecurityLevel.Encrypt, PinnedFingerprints = [new byte[32], pin] };

        DeliveryResult result = await new SmtpDeliveryClient().DeliverAsync(Upstream(server, tls), Message("owner@example.net"));

        Assert.Equal(pinMatches ? TlsFailureReason.None : TlsFailureReason.FingerprintMismatch, result.TlsFailure);
        Assert.Equal(pinMatches ? RecipientOutcome.Delivered : RecipientOutcome.Deferred, Assert.Single(result.Recipients).Outcome);
        Assert.Equal(pinMatches, server.Commands().Contains("MAIL"));
    }

    [Fact]
    public async Task WrongPasswordIsRefusedAndNoMailIsSent()
    {
        var (server, certificates) = await StartWithTlsAsync("--login", "relay", "--password", "s3cret");
        using var _ = server;
        var tls = new TlsPolicy { Level = TlsSecurityLevel.Verify, CaFile = certificates.CaFile };

        DeliveryResult result = await new SmtpDeliveryClient().DeliverAsync(Upstream(server, tls, new("relay", "wrong")), Message("owner@example.net"));

        Assert.Equal(DeliveryFailure.Authentication, result.Failure);
        Assert.Equal(AuthOutcome.Refused, result.Auth);
        Assert.Equal(535, result.Reply?.Code);
        Assert.Equal(RecipientOutcome.Deferred, Assert.Single(result.Recipients).Outcome);
        Assert.DoesNotContain("MAIL", server.Commands());
        Assert.DoesNotContain("wrong", result.Detail);
    }

    [Theory]
    [InlineData(new string[0], "PLAIN")]
    [InlineData(new[] { "PLAIN" }, "LOGIN")]
    public async Task AuthUsesTheStrongestMechanismTheUpstreamOffers(string[] excluded, string expected)
    {
        var (server, certificates) = await StartWithTlsAsync(["--login", "relay", "--password", "s3cret", .. excluded.SelectMany(m => new[] { "--exclude-mechanism", m })]);
        using var _ = server;
        var tls = new TlsPolicy { Level = TlsSecurityLevel.Verify, CaFile = certificates.CaFile };

        DeliveryResult result = await new SmtpDeliveryClient().DeliverAsync(Upstream(server, tls, new("relay", "s3cret")), Message("owner@example.net"));

        Assert.Equal(AuthOutcome.Accepted, result.Auth);
        var auth = server.Events().Single(e => e.GetProperty("cmd").GetString() == "AUTH");
        Assert.Equal(expected, auth.GetProperty("mechanism").GetString());
        Assert.True(auth.GetProperty("tls").GetBoolean());
        Assert.Equal(RecipientOutcome.Delivered, Assert.Single(result.Recipients).Outcome);
    }

    [Fact]
    public async Task PlainTextPasswordIsNeverSentWithoutTls()
    {
        using AiosmtpdUpstream server = await AiosmtpdUpstream.StartAsync(_directory, "--login", "relay", "--password", "s3cret");

        DeliveryResult result = await new SmtpDeliveryClient().DeliverAsync(
            Upstream(server, new TlsPolicy { Level = TlsSecurityLevel.None }, new("relay", "s3cret")), Message("owner@example.net"));

        Assert.Equal(AuthOutcome.NoCommonMechanism, result.Auth);
        Assert.DoesNotContain("AUTH", server.Commands());
        Assert.DoesNotContain("MAIL", server.Commands());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EachRecipientGetsItsOwnOutcome(bool pipelining)
    {
        string[] arguments = ["--rcpt-reply", "busy@example.net=451 4.3.0 mailbox busy", "--rcpt-reply", "gone@example.net=550 5.1.1 no such user"];
        using AiosmtpdUpstream server = await AiosmtpdUpstream.StartAsync(_directory, pipelining ? [.. arguments, "--pipelining"] : arguments);

        DeliveryResult result = await new SmtpDeliveryClient().DeliverAsync(
            Upstream(server, new TlsPolicy { Level = TlsSecurityLevel.None }), Message("a@example.net", "busy@example.net", "b@example.net", "gone@example.net"));

        Assert.Equal(DeliveryFailure.None, result.Failure);
        Assert.Equal(
            [RecipientOutcome.Delivered, RecipientOutcome.Deferred, RecipientOutcome.Delivered, RecipientOutcome.Failed],
            result.Recipients.Select(r => r.Outcome));
        Assert.Equal("4.3.0 mailbox busy", result.Recipients[1].Reply?.Text);
        Assert.Equal("5.1.1", result.Recipients[3].Reply?.EnhancedCode);
        Assert.Equal(["a@example.net", "b@example.net"], server.Events().Single(e => e.GetProperty("cmd").GetString() == "DATA")
            .GetProperty("rcpts").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(Content, server.ReceivedContent());
    }

    [Fact]
    public async Task MessageLargerThanTheUpstreamSizeIsRefusedBeforeMail()
    {
        using AiosmtpdUpstream server = await AiosmtpdUpstream.StartAsync(_directory, "--size", "100");

        DeliveryResult result = await new SmtpDeliveryClient().DeliverAsync(
            Upstream(server, new TlsPolicy { Level = TlsSecurityLevel.None }), Message("owner@example.net"));

        Assert.Equal(DeliveryFailure.MessageTooLarge, result.Failure);
        Assert.Equal(RecipientOutcome.Failed, Assert.Single(result.Recipients).Outcome);
        Assert.Equal(["EHLO"], server.Commands());
    }

    [Fact]
    public async Task ImplicitTlsDeliversFromTheFirstByte()
    {
        var (server, certificates) = await StartWithTlsAsync("--implicit");
        using var _ = server;
        var tls = new TlsPolicy { Level = TlsSecurityLevel.Verify, WrapperMode = true, CaFile = certificates.CaFile };

        DeliveryResult result = await new SmtpDeliveryClient().DeliverAsync(Upstream(server, tls), Message("owner@example.net"));

        Assert.Equal(DeliveryFailure.None, result.Failure);
        Assert.True(result.Encrypted);
        Assert.True(server.Events().First().GetProperty("tls").GetBoolean());
        Assert.Equal(Content, server.ReceivedContent());
    }

    [Fact]
    public async Task OpportunisticTlsAcceptsAnyCertificate()
    {
        var (server, _) = await StartWithTlsAsync();
        using var _ = server;

        DeliveryResult result = await new SmtpDeliveryClient().DeliverAsync(
            Upstream(server, new TlsPolicy { Level = TlsSecurityLevel.May }), Message("owner@example.net"));

        Assert.Equal(DeliveryFailure.None, result.Failure);
        Assert.True(result.Encrypted);
    }

    [Fact]
    public async Task OpportunisticTlsFallsBackToPlainTextOnlyWhenStartTlsIsNotOffered()
    {
        using AiosmtpdUpstream server = await AiosmtpdUpstream.StartAsync(_directory);

        DeliveryResult result = await new SmtpDeliveryClient().DeliverAsync(
            Upstream(server, new TlsPolicy { Level = TlsSecurityLevel.May }), Message("owner@example.net"));

        Assert.Equal(DeliveryFailure.None, result.Failure);
        Assert.False(result.Encrypted);
    }

    [Fact]
    public async Task NonAsciiAddressWithoutSmtpUtf8IsAPermanentFailure()
    {
        using AiosmtpdUpstream server = await AiosmtpdUpstream.StartAsync(_directory);

        DeliveryResult result = await new SmtpDeliveryClient().DeliverAsync(
            Upstream(server, new TlsPolicy { Level = TlsSecurityLevel.None }), Message("jürgen@example.net"));

        Assert.Equal(DeliveryFailure.SmtpUtf8Unsupported, result.Failure);
        Assert.Equal(RecipientOutcome.Failed, Assert.Single(result.Recipients).Outcome);
        Assert.DoesNotContain("MAIL", server.Commands());
    }

    [Fact]
    public async Task NonAsciiAddressGoesWithSmtpUtf8WhenOffered()
    {
        using AiosmtpdUpstream server = await AiosmtpdUpstream.StartAsync(_directory, "--smtputf8");

        DeliveryResult result = await new SmtpDeliveryClient().DeliverAsync(
            Upstream(server, new TlsPolicy { Level = TlsSecurityLevel.None }), Message("jürgen@example.net"));

        Assert.Equal(RecipientOutcome.Delivered, Assert.Single(result.Recipients).Outcome);
        var mail = server.Events().Single(e => e.GetProperty("cmd").GetString() == "MAIL");
        Assert.Contains("SMTPUTF8", mail.GetProperty("options").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal("jürgen@example.net", server.Events().Single(e => e.GetProperty("cmd").GetString() == "RCPT").GetProperty("address").GetString());
    }

    [Fact]
    public async Task RefusedConnectionIsConnectFailed()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        DeliveryResult result = await new SmtpDeliveryClient().DeliverAsync(
            new SmtpUpstream("127.0.0.1", port) { Tls = new TlsPolicy { Level = TlsSecurityLevel.None } }, Message("owner@example.net"));

        Assert.Equal(DeliveryFailure.ConnectFailed, result.Failure);
        Assert.Equal(RecipientOutcome.Deferred, Assert.Single(result.Recipients).Outcome);
    }
}
