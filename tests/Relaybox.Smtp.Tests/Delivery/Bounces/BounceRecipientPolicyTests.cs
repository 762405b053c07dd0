using Relaybox.Smtp.Delivery.Bounces;
using Relaybox.Smtp.Protocol;
using Relaybox.Smtp.Queue;
using static Relaybox.Smtp.Tests.Delivery.Bounces.BounceFixtures;

namespace Relaybox.Smtp.Tests.Delivery.Bounces;

public class BounceRecipientPolicyTests
{
    private const string Admin = "admin@example.com";

    private static readonly BounceRecipientPolicy Policy =
        new(new BounceRecipientOptions(Admin, domain => domain is "home.arpa" or "relay.example.net"));

    private static BounceDecision Decide(string sender, DsnReportKind kind, params DsnNotify[] notifies)
    {
        EnvelopeRecipient[] recipients = [.. notifies.Select((n, i) => new EnvelopeRecipient($"r{i}@example.org", n, null))];
        Envelope envelope = Envelope(sender: sender, recipients: recipients);
        DsnRecipientStatus[] statuses = [.. recipients.Select(r => kind == DsnReportKind.Delay ? Delayed(r) : Failed(r))];
        return Policy.Decide(envelope, kind, statuses);
    }

    [Fact]
    public void AFailureGoesToTheEnvelopeSender()
    {
        BounceDecision decision = Decide("scanner@example.com", DsnReportKind.Failure, DsnNotify.Default);

        Assert.True(decision.ShouldSend);
        Assert.Equal("scanner@example.com", decision.Recipient);
        Assert.False(decision.RedirectedToAdmin);
        Assert.Single(decision.Reported);
    }

    [Fact]
    public void TheNullSenderNeverGetsABounce()
    {
        BounceDecision decision = Decide(string.Empty, DsnReportKind.Failure, DsnNotify.Default);

        Assert.False(decision.ShouldSend);
        Assert.Equal(BounceSkipReason.NullSender, decision.SkipReason);
        Assert.Empty(decision.Reported);
    }

    [Fact]
    public void NotifyNeverSuppressesFailuresAndDelays()
    {
        Assert.Equal(BounceSkipReason.NotRequested, Decide("scanner@example.com", DsnReportKind.Failure, DsnNotify.Never).SkipReason);
        Assert.Equal(BounceSkipReason.NotRequested, Decide("scanner@example.com", DsnReportKind.Delay, DsnNotify.Never).SkipReason);
    }

    [Fact]
    public void NotifyWithoutFailureGetsNoFailureNotice()
    {
        BounceDecision decision = Decide("scanner@example.com", DsnReportKind.Failure, DsnNotify.Delay | DsnNotify.Success);

        Assert.False(decision.ShouldSend);
        Assert.Equal(BounceSkipReason.NotRequested, decision.SkipReason);
    }

    [Fact]
    public void NotifyWithoutDelayGetsNoDelayWarningButStillAFailureNotice()
    {
        Assert.Equal(BounceSkipReason.NotRequested, Decide("scanner@example.com", DsnReportKind.Delay, DsnNotify.Failure).SkipReason);
        Assert.True(Decide("scanner@example.com", DsnReportKind.Failure, DsnNotify.Failure).ShouldSend);
    }

    [Fact]
    public void WithoutNotifyFailuresAndDelaysAreReportedButSuccessIsNot()
    {
        Assert.True(Decide("scanner@example.com", DsnReportKind.Failure, DsnNotify.Default).ShouldSend);
        Assert.True(Decide("scanner@example.com", DsnReportKind.Delay, DsnNotify.Default).ShouldSend);
        Assert.Equal(BounceSkipReason.NotRequested, Decide("scanner@example.com", DsnReportKind.Success, DsnNotify.Default).SkipReason);
        Assert.True(Decide("scanner@example.com", DsnReportKind.Success, DsnNotify.Success).ShouldSend);
    }

    [Fact]
    public void OnlyRecipientsThatAskedForTheKindAreReported()
    {
        BounceDecision decision = Decide("scanner@example.com", DsnReportKind.Failure, DsnNotify.Never, DsnNotify.Failure, DsnNotify.Delay, DsnNotify.Default);

        Assert.Equal(["r1@example.org", "r3@example.org"], decision.Reported.Select(r => r.Recipient.Address));
    }

    [Theory]
    [InlineData("root")]
    [InlineData("root@nas")]
    [InlineData("cron@relay.example.net")]
    [InlineData("printer@office.home.arpa.")]
    [InlineData("scanner@home.arpa")]
    [InlineData("root@[192.168.1.20]")]
    public void LocalDeviceSendersBounceToTheAdminAddress(string sender)
    {
        BounceDecision decision = Decide(sender, DsnReportKind.Failure, DsnNotify.Default);

        Assert.Equal(Admin, decision.Recipient);
        Assert.True(decision.RedirectedToAdmin);
    }

    [Theory]
    [InlineData("nas.lan")]
    [InlineData("pi.local")]
    [InlineData("box.internal")]
    [InlineData("host.localdomain")]
    public void NamesReservedForPrivateNetworksAreLocalWithoutConfiguration(string domain)
    {
        var policy = new BounceRecipientPolicy(new BounceRecipientOptions(Admin, _ => false));
        var recipient = new EnvelopeRecipient("owner@example.org", DsnNotify.Default, null);

        BounceDecision decision = policy.Decide(Envelope(sender: "root@" + domain, recipients: [recipient]), DsnReportKind.Failure, [Failed(recipient)]);

        Assert.Equal(Admin, decision.Recipient);
    }

    [Theory]
    [InlineData("root@mail.example.com")]
    [InlineData("root@home.arpa.example.com")]
    [InlineData("printer@local-office.com")]
    public void ARealMailDomainKeepsItsBounceEvenForRoot(string sender)
    {
        BounceDecision decision = Decide(sender, DsnReportKind.Failure, DsnNotify.Default);

        Assert.Equal(sender, decision.Recipient);
        Assert.False(decision.RedirectedToAdmin);
    }

    [Fact]
    public void ALocalSenderWithoutAnAdminAddressGetsNoBounceAndSaysWhy()
    {
        var policy = new BounceRecipientPolicy(new BounceRecipientOptions(null, _ => false));
        var recipient = new EnvelopeRecipient("owner@example.org", DsnNotify.Default, null);

        BounceDecision decision = policy.Decide(Envelope(sender: "root", recipients: [recipient]), DsnReportKind.Failure, [Failed(recipient)]);

        Assert.False(decision.ShouldSend);
        Assert.Equal(BounceSkipReason.NoAdminAddress, decision.SkipReason);
    }
}
