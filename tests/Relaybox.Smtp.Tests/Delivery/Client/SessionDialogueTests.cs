using System.Security.Cryptography;
using System.Text;
using Relaybox.Smtp.Auth;
using Relaybox.Smtp.Delivery.Client;
using Relaybox.Smtp.Protocol;
using Relaybox.Smtp.Queue;
using Relaybox.Smtp.Tests.Auth;

namespace Relaybox.Smtp.Tests.Delivery.Client;

/// <summary>The client against scripted upstream dialogues on 127.0.0.1: replies no real server gives on demand.</summary>
public sealed class SessionDialogueTests
{
    private static readonly TlsPolicy Plain = new() { Level = TlsSecurityLevel.None };

    private static OutboundMessage Message(string content, params EnvelopeRecipient[] recipients) => Message(content, DsnReturn.Unspecified, null, recipients);

    private static OutboundMessage Message(string content, DsnReturn ret, string? envelopeId, params EnvelopeRecipient[] recipients)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(content);
        var envelope = new Envelope("dev@lan.example", recipients, BodyType.SevenBit, false, ret, envelopeId, null, "192.168.1.2", "dev", DateTimeOffset.UnixEpoch);
        return new OutboundMessage(envelope, new MemoryStream(bytes), bytes.Length);
    }

    private static EnvelopeRecipient To(string address, DsnNotify notify = DsnNotify.Default, string? orcpt = null) => new(address, notify, orcpt);

    private static SmtpUpstream Upstream(ScriptedUpstream server, TlsPolicy? tls = null) =>
        new("127.0.0.1", server.Port) { HeloName = "relay.home.arpa", Tls = tls ?? Plain };

    /// <summary>One delivery on a client disposed right after it: a kept session ends with QUIT at once, as the scripts expect.</summary>
    private static async Task<DeliveryResult> DeliverOnceAsync(SmtpUpstream upstream, OutboundMessage message)
    {
        await using var client = new SmtpDeliveryClient();
        return await client.DeliverAsync(upstream, message);
    }

    [Fact]
    public async Task PipelinedGroupArrivesBeforeAnyReplyAndDataIsDotStuffed()
    {
        using var server = new ScriptedUpstream();
        string? data = null;
        server.Run(async d =>
        {
            await d.SendAsync("220 up\n");
            await d.ExpectAsync("EHLO relay.home.arpa");
            await d.SendAsync("250-up\n250-PIPELINING\n250 SIZE\n");
            // RFC 2920: the whole group comes before the server says anything.
            await d.ExpectAsync("MAIL FROM:<dev@lan.example> SIZE=");
            await d.ExpectAsync("RCPT TO:<a@example.net>");
            await d.ExpectAsync("RCPT TO:<b@example.net>");
            await d.ExpectAsync("DATA");
            await d.SendAsync("250 ok\n250 ok\n250 ok\n354 go\n");
            data = await d.ReadDataAsync();
            await d.SendAsync("250 queued\n");
            await d.QuitAsync();
        });

        DeliveryResult result = await DeliverOnceAsync(Upstream(server), Message("a\r\n.b\r\n.\r\nend", To("a@example.net"), To("b@example.net")));
        await server.Completion;

        Assert.All(result.Recipients, r => Assert.Equal(RecipientOutcome.Delivered, r.Outcome));
        Assert.Equal("a\r\n..b\r\n..\r\nend\r\n", data);
    }

    [Fact]
    public async Task DsnParametersAreForwardedWhenTheUpstreamOffersDsn()
    {
        using var server = new ScriptedUpstream();
        server.Run(async d =>
        {
            await d.SendAsync("220 up\n");
            await d.ExpectAsync("EHLO");
            await d.SendAsync("250-up\n250 DSN\n");
            await d.ExpectAsync("MAIL");
            await d.SendAsync("250 ok\n");
            await d.ExpectAsync("RCPT");
            await d.SendAsync("250 ok\n");
            await d.ExpectAsync("RCPT");
            await d.SendAsync("250 ok\n");
            await d.ExpectAsync("DATA");
            await d.SendAsync("354 go\n");
            await d.ReadDataAsync();
            await d.SendAsync("250 queued\n");
            await d.QuitAsync();
        });

        await DeliverOnceAsync(Upstream(server), Message("x\r\n", DsnReturn.Headers, "QQ+2B1",
            To("a@example.net", DsnNotify.Success | DsnNotify.Failure, "rfc822;a+2Bx@example.net"), To("b@example.net", DsnNotify.Never)));
        await server.Completion;

        Assert.Equal("MAIL FROM:<dev@lan.example> RET=HDRS ENVID=QQ+2B1", server.Received[1]);
        Assert.Equal("RCPT TO:<a@example.net> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;a+2Bx@example.net", server.Received[2]);
        Assert.Equal("RCPT TO:<b@example.net> NOTIFY=NEVER", server.Received[3]);
    }

    [Fact]
    public async Task WithoutDsnOrSizeTheCommandsCarryNoParameters()
    {
        using var server = new ScriptedUpstream();
        server.Run(async d =>
        {
            await d.SendAsync("220 up\n");
            await d.ExpectAsync("EHLO");
            await d.SendAsync("502 5.5.1 what\n"); // an old server: HELO fallback (RFC 5321 section 3.2)
            await d.ExpectAsync("HELO relay.home.arpa");
            await d.SendAsync("250 up\n");
            await d.ExpectAsync("MAIL");
            await d.SendAsync("250 ok\n");
            await d.ExpectAsync("RCPT");
            await d.SendAsync("250 ok\n");
            await d.ExpectAsync("DATA");
            await d.SendAsync("354 go\n");
            await d.ReadDataAsync();
            await d.SendAsync("250 queued\n");
            await d.QuitAsync();
        });

        DeliveryResult result = await DeliverOnceAsync(Upstream(server), Message("x\r\n", DsnReturn.Full, "id", To("a@example.net", DsnNotify.Success)));
        await server.Completion;

        Assert.Equal(RecipientOutcome.Delivered, Assert.Single(result.Recipients).Outcome);
        Assert.Equal("MAIL FROM:<dev@lan.example>", server.Received[2]);
        Assert.Equal("RCPT TO:<a@example.net>", server.Received[3]);
    }

    [Theory]
    [InlineData("550 5.7.1 sender refused", RecipientOutcome.Failed)]
    [InlineData("451 4.3.0 try later", RecipientOutcome.Deferred)]
    public async Task RefusedMailFromDecidesForEveryRecipient(string reply, RecipientOutcome expected)
    {
        using var server = new ScriptedUpstream();
        server.Run(async d =>
        {
            await d.SendAsync("220 up\n");
            await d.ExpectAsync("EHLO");
            await d.SendAsync("250 up\n");
            await d.ExpectAsync("MAIL");
            await d.SendAsync(reply + "\n");
            await d.QuitAsync();
        });

        DeliveryResult result = await DeliverOnceAsync(Upstream(server), Message("x\r\n", To("a@example.net"), To("b@example.net")));
        await server.Completion;

        Assert.Equal(DeliveryFailure.MailRefused, result.Failure);
        Assert.All(result.Recipients, r => Assert.Equal(expected, r.Outcome));
        Assert.DoesNotContain(server.Received, l => l.StartsWith("RCPT", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TransientFinalReplyDefersTheAcceptedRecipientsOnly()
    {
        using var server = new ScriptedUpstream();
        server.Run(async d =>
        {
            await d.SendAsync("220 up\n");
            await d.ExpectAsync("EHLO");
            await d.SendAsync("250 up\n");
            await d.ExpectAsync("MAIL");
            await d.SendAsync("250 ok\n");
            await d.ExpectAsync("RCPT");
            await d.SendAsync("550 5.1.1 unknown\n");
            await d.ExpectAsync("RCPT");
            await d.SendAsync("250 ok\n");
            await d.ExpectAsync("DATA");
            await d.SendAsync("354 go\n");
            await d.ReadDataAsync();
            await d.SendAsync("452 4.3.1 disk full\n");
            await d.QuitAsync();
        });

        DeliveryResult result = await DeliverOnceAsync(Upstream(server), Message("x\r\n", To("gone@example.net"), To("b@example.net")));
        await server.Completion;

        Assert.Equal([RecipientOutcome.Failed, RecipientOutcome.Deferred], result.Recipients.Select(r => r.Outcome));
        Assert.Equal("4.3.1 disk full", result.Recipients[1].Reply?.Text);
    }

    [Fact]
    public async Task GreetingOtherThan220EndsTheAttemptAsDeferred()
    {
        using var server = new ScriptedUpstream();
        server.Run(async d =>
        {
            await d.SendAsync("554 5.3.2 no service for you\n");
            await d.QuitAsync();
        });

        DeliveryResult result = await DeliverOnceAsync(Upstream(server), Message("x\r\n", To("a@example.net")));
        await server.Completion;

        Assert.Equal(DeliveryFailure.GreetingRefused, result.Failure);
        Assert.Equal(RecipientOutcome.Deferred, Assert.Single(result.Recipients).Outcome);
        Assert.Equal(["QUIT"], server.Received);
    }

    [Fact]
    public async Task PlaintextAfterTheStartTlsReplyIsRefusedAsInjection()
    {
        using var server = new ScriptedUpstream();
        server.Run(async d =>
        {
            await d.SendAsync("220 up\n");
            await d.ExpectAsync("EHLO");
            await d.SendAsync("250-up\n250 STARTTLS\n");
            await d.ExpectAsync("STARTTLS");
            await d.SendAsync("220 go ahead\n250-injected\n250 AUTH PLAIN\n"); // RFC 3207 section 6
            await Task.Delay(500);
        });

        DeliveryResult result = await DeliverOnceAsync(Upstream(server, new TlsPolicy { Level = TlsSecurityLevel.Encrypt }), Message("x\r\n", To("a@example.net")));
        await server.Completion;

        Assert.Equal(DeliveryFailure.ProtocolViolation, result.Failure);
        Assert.Equal(RecipientOutcome.Deferred, Assert.Single(result.Recipients).Outcome);
    }

    [Fact]
    public async Task ScramAuthenticationWorksOverTheWireAgainstTheServerMechanism()
    {
        var users = UserDatabase.Empty.WithUser(SaslTestContext.ScramUser("relay", "s3cret"));
        using var scram = new ScramSha256Mechanism(SaslTestContext.With(users, nonce: "servernonce"));
        using var server = new ScriptedUpstream();
        server.Run(async d =>
        {
            await d.SendAsync("220 up\n");
            await d.ExpectAsync("EHLO");
            await d.SendAsync("250-up\n250 AUTH PLAIN SCRAM-SHA-256\n");
            string auth = await d.ExpectAsync("AUTH SCRAM-SHA-256 ");
            SaslStep step = scram.Start(true, Convert.FromBase64String(auth["AUTH SCRAM-SHA-256 ".Length..]));
            while (step.Outcome == SaslOutcome.Challenge)
            {
                await d.SendAsync("334 " + Convert.ToBase64String(step.Challenge!) + "\n");
                step = scram.Continue(Convert.FromBase64String(await d.ReadLineAsync()));
            }

            await d.SendAsync(step.Outcome == SaslOutcome.Success ? "235 2.7.0 ok\n" : "535 5.7.8 no\n");
            await d.ExpectAsync("MAIL");
            await d.SendAsync("250 ok\n");
            await d.ExpectAsync("RCPT");
            await d.SendAsync("250 ok\n");
            await d.ExpectAsync("DATA");
            await d.SendAsync("354 go\n");
            await d.ReadDataAsync();
            await d.SendAsync("250 queued\n");
            await d.QuitAsync();
        });

        var upstream = Upstream(server) with { Credentials = new UpstreamCredentials("relay", "s3cret") };
        DeliveryResult result = await DeliverOnceAsync(upstream, Message("x\r\n", To("a@example.net")));
        await server.Completion;

        Assert.Equal(AuthOutcome.Accepted, result.Auth);
        Assert.Equal("relay", scram.AuthenticatedLogin);
        Assert.Equal(RecipientOutcome.Delivered, Assert.Single(result.Recipients).Outcome);
    }

    [Fact]
    public async Task ScramServerWithoutTheRightSignatureIsNotTrusted()
    {
        using var server = new ScriptedUpstream();
        server.Run(async d =>
        {
            await d.SendAsync("220 up\n");
            await d.ExpectAsync("EHLO");
            await d.SendAsync("250-up\n250 AUTH SCRAM-SHA-256\n");
            string auth = await d.ExpectAsync("AUTH SCRAM-SHA-256 ");
            string clientFirst = Encoding.UTF8.GetString(Convert.FromBase64String(auth["AUTH SCRAM-SHA-256 ".Length..]));
            string nonce = clientFirst[(clientFirst.IndexOf("r=", StringComparison.Ordinal) + 2)..];
            string serverFirst = $"r={nonce}fake,s={Convert.ToBase64String(new byte[16])},i=4096";
            await d.SendAsync("334 " + Convert.ToBase64String(Encoding.UTF8.GetBytes(serverFirst)) + "\n");
            await d.ReadLineAsync();
            // A server that does not know the verifier cannot compute v=; it claims success anyway.
            await d.SendAsync("334 " + Convert.ToBase64String(Encoding.UTF8.GetBytes("v=" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)))) + "\n");
            await d.ExpectAsync("*");
            await d.SendAsync("501 5.7.0 cancelled\n");
            await d.QuitAsync();
        });

        var upstream = Upstream(server) with { Credentials = new UpstreamCredentials("relay", "s3cret") };
        DeliveryResult result = await DeliverOnceAsync(upstream, Message("x\r\n", To("a@example.net")));
        await server.Completion;

        Assert.Equal(AuthOutcome.ServerNotVerified, result.Auth);
        Assert.DoesNotContain(server.Received, l => l.StartsWith("MAIL", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TemporaryAuthFailureIsReportedAsTemporary()
    {
        using var server = new ScriptedUpstream();
        server.Run(async d =>
        {
            await d.SendAsync("220 up\n");
            await d.ExpectAsync("EHLO");
            await d.SendAsync("250-up\n250 AUTH CRAM-MD5\n");
            await d.ExpectAsync("AUTH CRAM-MD5");
            await d.SendAsync("454 4.7.0 temporary authentication failure\n");
            await d.QuitAsync();
        });

        var upstream = Upstream(server) with { Credentials = new UpstreamCredentials("relay", "s3cret") };
        DeliveryResult result = await DeliverOnceAsync(upstream, Message("x\r\n", To("a@example.net")));
        await server.Completion;

        Assert.Equal(AuthOutcome.Temporary, result.Auth);
        Assert.Equal(RecipientOutcome.Deferred, Assert.Single(result.Recipients).Outcome);
    }

    [Fact]
    public async Task SilentUpstreamTimesOutAfterTheGreetingTimeoutOnTheInjectedClock()
    {
        var clock = new ManualClock();
        using var server = new ScriptedUpstream();
        using var release = new SemaphoreSlim(0);
        server.Run(async d => await release.WaitAsync(TimeSpan.FromSeconds(20)));

        Task<DeliveryResult> delivery = new SmtpDeliveryClient(clock).DeliverAsync(Upstream(server), Message("x\r\n", To("a@example.net")));
        // Wait (in real time) until the client waits for the greeting with its 5-minute timer.
        for (int i = 0; i < 200 && !clock.HasTimerDueIn(ClientTimeouts.Default.Greeting); i++)
        {
            await Task.Delay(25);
        }

        clock.Advance(TimeSpan.FromMinutes(4));
        await Task.Delay(300);
        bool doneBeforeFiveMinutes = delivery.IsCompleted;
        clock.Advance(TimeSpan.FromMinutes(1));
        DeliveryResult result = await delivery.WaitAsync(TimeSpan.FromSeconds(10));
        release.Release();

        Assert.False(doneBeforeFiveMinutes);
        Assert.Equal(DeliveryFailure.Timeout, result.Failure);
        Assert.Equal(RecipientOutcome.Deferred, Assert.Single(result.Recipients).Outcome);
    }

    private static async Task BrokenTlsAsync(ScriptedUpstream.Dialogue d)
    {
        await d.SendAsync("220 up\n");
        await d.ExpectAsync("EHLO");
        await d.SendAsync("250-up\n250 STARTTLS\n");
        await d.ExpectAsync("STARTTLS");
        await d.SendAsync("220 go ahead\n");
        await Task.Delay(200);
        await d.SendAsync("this is not a TLS server hello\n");
        await Task.Delay(200);
    }

    [Fact]
    public async Task OpportunisticTlsRetriesInPlainTextWhenTheHandshakeFails()
    {
        using var server = new ScriptedUpstream();
        string? data = null;
        server.Run(BrokenTlsAsync, async d =>
        {
            await d.SendAsync("220 up\n");
            await d.ExpectAsync("EHLO");
            await d.SendAsync("250 up\n");
            await d.ExpectAsync("MAIL");
            await d.SendAsync("250 ok\n");
            await d.ExpectAsync("RCPT");
            await d.SendAsync("250 ok\n");
            await d.ExpectAsync("DATA");
            await d.SendAsync("354 go\n");
            data = await d.ReadDataAsync();
            await d.SendAsync("250 queued\n");
            await d.QuitAsync();
        });

        DeliveryResult result = await DeliverOnceAsync(Upstream(server, new TlsPolicy { Level = TlsSecurityLevel.May }), Message("hello\r\n", To("a@example.net")));
        await server.Completion;

        Assert.Equal(RecipientOutcome.Delivered, Assert.Single(result.Recipients).Outcome);
        Assert.False(result.Encrypted);
        Assert.Equal("hello\r\n", data);
    }

    [Fact]
    public async Task RequiredTlsNeverRetriesInPlainTextWhenTheHandshakeFails()
    {
        using var server = new ScriptedUpstream();
        server.Run(BrokenTlsAsync);

        DeliveryResult result = await DeliverOnceAsync(Upstream(server, new TlsPolicy { Level = TlsSecurityLevel.Encrypt }), Message("hello\r\n", To("a@example.net")));
        await server.Completion;

        Assert.Equal(DeliveryFailure.Tls, result.Failure);
        Assert.Equal(TlsFailureReason.HandshakeFailed, result.TlsFailure);
        Assert.DoesNotContain(server.Received, l => l.StartsWith("MAIL", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DataStartedWithoutAnyAcceptedRecipientIsEndedWithoutContent()
    {
        using var server = new ScriptedUpstream();
        string? data = null;
        server.Run(async d =>
        {
            await d.SendAsync("220 up\n");
            await d.ExpectAsync("EHLO");
            await d.SendAsync("250-up\n250 PIPELINING\n");
            await d.ExpectAsync("MAIL");
            await d.ExpectAsync("RCPT");
            await d.ExpectAsync("DATA");
            // A broken server that starts DATA although it refused the only recipient (RFC 2920 section 3.1).
            await d.SendAsync("250 ok\n550 5.1.1 unknown\n354 go\n");
            data = await d.ReadDataAsync();
            await d.SendAsync("554 5.5.1 no valid recipients\n");
            await d.QuitAsync();
        });

        DeliveryResult result = await DeliverOnceAsync(Upstream(server), Message("secret content\r\n", To("gone@example.net")));
        await server.Completion;

        Assert.Equal(RecipientOutcome.Failed, Assert.Single(result.Recipients).Outcome);
        Assert.Equal("5.1.1", result.Recipients[0].Reply?.EnhancedCode);
        Assert.Equal(string.Empty, data);
    }

    [Fact]
    public async Task OpportunisticTlsGoesOnInPlainTextWhenStartTlsIsRefused()
    {
        using var server = new ScriptedUpstream();
        server.Run(async d =>
        {
            await d.SendAsync("220 up\n");
            await d.ExpectAsync("EHLO");
            await d.SendAsync("250-up\n250 STARTTLS\n");
            await d.ExpectAsync("STARTTLS");
            await d.SendAsync("454 4.7.0 TLS not available\n");
            await d.ExpectAsync("MAIL");
            await d.SendAsync("250 ok\n");
            await d.ExpectAsync("RCPT");
            await d.SendAsync("250 ok\n");
            await d.ExpectAsync("DATA");
            await d.SendAsync("354 go\n");
            await d.ReadDataAsync();
            await d.SendAsync("250 queued\n");
            await d.QuitAsync();
        });

        DeliveryResult may = await DeliverOnceAsync(Upstream(server, new TlsPolicy { Level = TlsSecurityLevel.May }), Message("x\r\n", To("a@example.net")));
        await server.Completion;

        Assert.Equal(RecipientOutcome.Delivered, Assert.Single(may.Recipients).Outcome);
        Assert.False(may.Encrypted);
    }

    [Fact]
    public async Task RequiredTlsRefusedByTheServerIsATypedFailure()
    {
        using var server = new ScriptedUpstream();
        server.Run(async d =>
        {
            await d.SendAsync("220 up\n");
            await d.ExpectAsync("EHLO");
            await d.SendAsync("250-up\n250 STARTTLS\n");
            await d.ExpectAsync("STARTTLS");
            await d.SendAsync("454 4.7.0 TLS not available\n");
            await d.QuitAsync();
        });

        DeliveryResult result = await DeliverOnceAsync(Upstream(server, new TlsPolicy { Level = TlsSecurityLevel.Encrypt }), Message("x\r\n", To("a@example.net")));
        await server.Completion;

        Assert.Equal(TlsFailureReason.StartTlsRefused, result.TlsFailure);
        Assert.Equal(RecipientOutcome.Deferred, Assert.Single(result.Recipients).Outcome);
    }
}
