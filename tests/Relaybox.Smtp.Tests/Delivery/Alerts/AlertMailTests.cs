using Relaybox.Smtp.Delivery.Alerts;
using Relaybox.Smtp.Delivery.Routing;
using Relaybox.Smtp.Protocol;

namespace Relaybox.Smtp.Tests.Delivery.Alerts;

/// <summary>The mail to the admin, read back from the real queue: envelope, header fields, text.</summary>
public sealed class AlertMailTests : IDisposable
{
    private const string LoginDetail = "[smtp.example.net]:587 said 535 5.7.8 Authentication credentials invalid";

    private readonly AlertsHarness harness = new();

    public void Dispose() => harness.Dispose();

    private string RaiseAndReadMail(RouteCondition condition, string detail)
    {
        var alerts = harness.Create();
        alerts.ObserveRoute(condition, detail);
        harness.Clock.Advance(TimeSpan.FromMinutes(5));
        alerts.ObserveRoute(condition, detail);
        return AlertsHarness.ContentOf(Assert.Single(harness.QueuedMail()));
    }

    [Fact]
    public void TheMailIsQueuedWithTheNullSenderForTheAdminAsLocalMail()
    {
        RaiseAndReadMail(RouteCondition.SmarthostLoginRefused, LoginDetail);

        var envelope = Assert.Single(harness.QueuedMail()).Envelope;
        Assert.Equal("", envelope.ReversePath);
        Assert.Equal(AlertsHarness.Admin, Assert.Single(envelope.Recipients).Address);
        Assert.Null(envelope.AuthenticatedLogin);
        Assert.Equal(OwnerAlerts.LocalClientAddress, envelope.ClientAddress);
        Assert.Equal(AlertsHarness.Host, envelope.HeloName);
        Assert.Equal(BodyType.SevenBit, envelope.Body);
        Assert.False(envelope.SmtpUtf8);
        Assert.Equal(AlertsHarness.Start, envelope.ReceivedAt);
    }

    [Fact]
    public void TheHeaderSaysWhoWhatAndThatAMachineSentIt()
    {
        string mail = RaiseAndReadMail(RouteCondition.SmarthostLoginRefused, LoginDetail);
        var fields = AlertsHarness.HeadersOf(mail);

        Assert.Equal("relaybox <MAILER-DAEMON@relay.home.arpa>", fields["From"]);
        Assert.Equal("<owner@example.net>", fields["To"]);
        Assert.Equal("relaybox: the smarthost refused relaybox's login", fields["Subject"]);
        Assert.Equal("auto-generated", fields["Auto-Submitted"]);
        Assert.Equal("1.0", fields["MIME-Version"]);
        Assert.Equal("text/plain; charset=utf-8", fields["Content-Type"]);
        Assert.Equal("7bit", fields["Content-Transfer-Encoding"]);
        Assert.Matches("^<[0-9a-f]{32}@relay\\.home\\.arpa>$", fields["Message-ID"]);
        Assert.Equal(AlertsHarness.Start, DateTimeOffset.Parse(fields["Date"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void EveryLineEndsInCrlfAndOnlyTheReasonLineIsLongerThan78()
    {
        string mail = RaiseAndReadMail(RouteCondition.SmarthostLoginRefused, LoginDetail + " " + new string('z', 300));
        Assert.EndsWith("\r\n", mail, StringComparison.Ordinal);
        string[] lines = mail.Split("\r\n");
        Assert.All(lines, line => Assert.DoesNotContain('\n', line));
        Assert.All(lines, line => Assert.DoesNotContain('\r', line));
        Assert.All(lines, line => Assert.True(line.Length <= 998, "RFC 5322 section 2.1.1 line limit"));
        Assert.All(lines.Where(line => !line.StartsWith("Reason: ", StringComparison.Ordinal)), line => Assert.True(line.Length <= 78, line));
    }

    [Fact]
    public void TheTextGivesTheReasonVerbatimSinceWhenAndWhatToDo()
    {
        string body = AlertsHarness.BodyOf(RaiseAndReadMail(RouteCondition.SmarthostLoginRefused, LoginDetail));

        Assert.Contains("relay.home.arpa", body, StringComparison.Ordinal);
        Assert.Contains("Reason: " + LoginDetail + "\r\n", body, StringComparison.Ordinal);
        Assert.Contains("Since:  Sun, 22 Nov 2026 10:00:00 +0000", body, StringComparison.Ordinal);
        Assert.Contains("/etc/relaybox/relayhost.secret", body, StringComparison.Ordinal);
        Assert.Contains("relaybox queue flush", body, StringComparison.Ordinal);
        Assert.Contains("at most one mail about it in 24 hours", body, StringComparison.Ordinal);
    }

    [Fact]
    public void TheAdviceForARefusedLoginNamesTheConfiguredPasswordFile()
    {
        harness.Options = harness.Options with { PasswordFile = "/srv/relaybox/upstream.login" };
        string body = AlertsHarness.BodyOf(RaiseAndReadMail(RouteCondition.SmarthostLoginRefused, LoginDetail));
        Assert.Contains("/srv/relaybox/upstream.login", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RouteCondition.SmarthostCertificateRejected, "relaybox: the smarthost's certificate is not trusted", "tls_fingerprint")]
    [InlineData(RouteCondition.SmarthostCertificateRejected, "relaybox: the smarthost's certificate is not trusted", "tls_ca_file")]
    [InlineData(RouteCondition.SmarthostUnreachable, "relaybox: the smarthost cannot be reached", "relayhost")]
    [InlineData(RouteCondition.OutboundPortBlocked, "relaybox: outbound port 25 is blocked", "blocks outbound port 25")]
    [InlineData(RouteCondition.OutboundPortBlocked, "relaybox: outbound port 25 is blocked", "submission server")]
    public void EachProblemHasItsSubjectAndAdvice(RouteCondition condition, string subject, string advice)
    {
        const string Detail = "what the attempt saw";
        string mail = RaiseAndReadMail(condition, Detail);
        Assert.Equal(subject, AlertsHarness.HeadersOf(mail)["Subject"]);
        string body = AlertsHarness.BodyOf(mail).Replace("\r\n  ", " ", StringComparison.Ordinal);
        Assert.Contains(advice, body, StringComparison.Ordinal);
        Assert.Contains("Reason: " + Detail, body, StringComparison.Ordinal);
    }

    [Fact]
    public void TheQueueStuckMailSaysHowLongAndPointsAtTheQueueList()
    {
        var alerts = harness.Create();
        alerts.ObserveQueue(AlertsHarness.Start - TimeSpan.FromHours(3), waiting: 4);
        string mail = AlertsHarness.ContentOf(Assert.Single(harness.QueuedMail()));
        Assert.Equal("relaybox: mail is stuck in the queue", AlertsHarness.HeadersOf(mail)["Subject"]);
        string body = AlertsHarness.BodyOf(mail);
        Assert.Contains("Reason: " + alerts.Active[0].Detail + "\r\n", body, StringComparison.Ordinal);
        Assert.Contains("4 messages waiting", body, StringComparison.Ordinal);
        Assert.Contains("3 hours", body, StringComparison.Ordinal);
        Assert.Contains("relaybox queue list", body, StringComparison.Ordinal);
    }

    [Fact]
    public void AUtf8ReasonMakesThePart8BitAndTheMessage8BitMime()
    {
        const string Detail = "535 5.7.8 Anmeldung für jörg@example.net fehlgeschlagen";
        string mail = RaiseAndReadMail(RouteCondition.SmarthostLoginRefused, Detail);
        Assert.Equal("8bit", AlertsHarness.HeadersOf(mail)["Content-Transfer-Encoding"]);
        Assert.Contains("Reason: " + Detail, mail, StringComparison.Ordinal);
        var envelope = Assert.Single(harness.QueuedMail()).Envelope;
        Assert.Equal(BodyType.EightBitMime, envelope.Body);
        Assert.False(envelope.SmtpUtf8);
    }

    [Fact]
    public void AUtf8AdminAddressNeedsSmtpUtf8()
    {
        harness.Options = harness.Options with { AdminAddress = "jörg@example.net" };
        string mail = RaiseAndReadMail(RouteCondition.SmarthostLoginRefused, LoginDetail);
        Assert.Equal("<jörg@example.net>", AlertsHarness.HeadersOf(mail)["To"]);
        Assert.True(Assert.Single(harness.QueuedMail()).Envelope.SmtpUtf8);
    }

    [Fact]
    public void TheLogLineCarriesTheSameReasonAndAdviceAsTheMail()
    {
        RaiseAndReadMail(RouteCondition.SmarthostCertificateRejected, "fingerprint mismatch for smtp.example.net");
        string line = Assert.Single(harness.Log.At(Serilog.Events.LogEventLevel.Error));
        Assert.Contains("fingerprint mismatch for smtp.example.net", line, StringComparison.Ordinal);
        Assert.Contains("tls_fingerprint", line, StringComparison.Ordinal);
        Assert.Contains(harness.Log.At(Serilog.Events.LogEventLevel.Information), l => l.Contains("owner@example.net", StringComparison.Ordinal));
    }
}
