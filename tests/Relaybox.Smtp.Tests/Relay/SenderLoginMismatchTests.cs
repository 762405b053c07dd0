using Relaybox.Smtp.Protocol;
using Relaybox.Smtp.Relay;
using static Relaybox.Smtp.Tests.Relay.RelayTestPolicies;

namespace Relaybox.Smtp.Tests.Relay;

public sealed class SenderLoginMismatchTests
{
    private static readonly RestrictionKind[] WithCheck =
    [
        RestrictionKind.RejectSenderLoginMismatch,
        RestrictionKind.PermitMynetworks,
        RestrictionKind.PermitSaslAuthenticated,
        RestrictionKind.RejectUnauthDestination,
    ];

    private static readonly RelayDecision Mismatch = RelayDecision.Reject(RelayRejectReason.SenderLoginMismatch);

    private static RelayClient Login(string login, params string[] allowedSenders) =>
        new(InternetAddress, login, allowedSenders);

    private static RelayDecision MailFrom(RelayClient client, string? sender) =>
        Create(WithCheck).CheckSender(client, sender is null ? null : Addresses.Parse(sender));

    [Fact]
    public void LoginThatIsAnAddressMaySendAsItself()
    {
        Assert.Equal(RelayDecision.Permit, MailFrom(Login("alice@example.com"), "<alice@example.com>"));
    }

    [Fact]
    public void SenderComparisonIgnoresCase()
    {
        Assert.Equal(RelayDecision.Permit, MailFrom(Login("alice@example.com"), "<ALICE@Example.COM>"));
        Assert.Equal(RelayDecision.Permit, MailFrom(Login("printer", "Scans@Example.com"), "<scans@example.com>"));
    }

    [Fact]
    public void ForeignSenderIsRejectedWithSenderLoginMismatch()
    {
        Assert.Equal(Mismatch, MailFrom(Login("alice@example.com"), "<bob@example.com>"));
    }

    [Fact]
    public void ExactAllowedSenderIsAccepted()
    {
        var client = Login("alice@example.com", "alerts@example.org");

        Assert.Equal(RelayDecision.Permit, MailFrom(client, "<alerts@example.org>"));
        Assert.Equal(Mismatch, MailFrom(client, "<other@example.org>"));
    }

    [Fact]
    public void DomainEntryCoversEveryMailboxOfThatDomainButNotSubdomains()
    {
        var client = Login("nas", "@example.org");

        Assert.Equal(RelayDecision.Permit, MailFrom(client, "<backup@example.org>"));
        Assert.Equal(RelayDecision.Permit, MailFrom(client, "<Backup@EXAMPLE.org.>"));
        Assert.Equal(Mismatch, MailFrom(client, "<backup@sub.example.org>"));
        Assert.Equal(Mismatch, MailFrom(client, "<backup@example.org.evil.example>"));
    }

    [Fact]
    public void NullSenderIsAlwaysAllowed()
    {
        Assert.Equal(RelayDecision.Permit, MailFrom(Login("alice@example.com"), null));
    }

    [Fact]
    public void LoginThatIsNotAnAddressOwnsNoSenderByItself()
    {
        Assert.Equal(Mismatch, MailFrom(Login("printer"), "<printer>"));
        Assert.Equal(RelayDecision.Permit, MailFrom(Login("printer", "printer"), "<printer>"));
    }

    [Fact]
    public void QuotedLocalPartCannotImpersonateTheLogin()
    {
        Assert.Equal(Mismatch, MailFrom(Login("alice@example.com"), "<\"alice@example.com\"@evil.example>"));
    }

    [Fact]
    public void UnauthenticatedClientsAreNotChecked()
    {
        Assert.Equal(RelayDecision.Permit, MailFrom(Stranger, "<bob@example.com>"));
        Assert.Equal(RelayDecision.Permit, MailFrom(LanDevice, "<anyone@example.com>"));
    }

    [Fact]
    public void WithoutTheRestrictionWordAnySenderIsAccepted()
    {
        var decision = Create().CheckSender(Login("alice@example.com"), Addresses.Parse("<bob@example.com>"));

        Assert.Equal(RelayDecision.Permit, decision);
    }

    [Fact]
    public void MismatchListedBeforeAPermitAlsoRefusesAtRcpt()
    {
        MailboxAddress bob = Addresses.Parse("<bob@example.com>");
        var decision = Create(WithCheck).CheckRecipient(Login("alice@example.com"), bob, Addresses.Parse("<x@example.net>"));

        Assert.Equal(Mismatch, decision);
    }
}
