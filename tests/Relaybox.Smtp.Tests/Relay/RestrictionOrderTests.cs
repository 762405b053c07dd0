using System.Net;
using Relaybox.Smtp.Relay;
using static Relaybox.Smtp.Tests.Relay.RelayTestPolicies;

namespace Relaybox.Smtp.Tests.Relay;

public sealed class RestrictionOrderTests
{
    private static readonly Relaybox.Smtp.Protocol.MailboxAddress Remote = Addresses.Parse("<friend@example.net>");
    private static readonly Relaybox.Smtp.Protocol.MailboxAddress Local = Addresses.Parse("<root@relay.home.arpa>");

    [Fact]
    public void StrangerRelayingIsRefusedWithRelayAccessDenied()
    {
        var decision = Create().CheckRecipient(Stranger, null, Remote);

        Assert.Equal(RelayDecision.Reject(RelayRejectReason.RelayAccessDenied), decision);
    }

    [Fact]
    public void StrangerMayMailALocalDomain()
    {
        Assert.Equal(RelayDecision.Permit, Create().CheckRecipient(Stranger, null, Local));
    }

    [Fact]
    public void MynetworksClientMayRelayWithTheDefaultList()
    {
        Assert.Equal(RelayDecision.Permit, Create().CheckRecipient(LanDevice, null, Remote));
    }

    [Fact]
    public void AuthenticatedClientMayRelayWithTheDefaultList()
    {
        Assert.Equal(RelayDecision.Permit, Create().CheckRecipient(AuthenticatedFromInternet, null, Remote));
    }

    [Fact]
    public void RejectUnauthDestinationBeforePermitMynetworksRefusesTheLan()
    {
        var policy = Create([RestrictionKind.RejectUnauthDestination, RestrictionKind.PermitMynetworks]);

        Assert.Equal(RelayDecision.Reject(RelayRejectReason.RelayAccessDenied), policy.CheckRecipient(LanDevice, null, Remote));
        Assert.Equal(RelayDecision.Permit, policy.CheckRecipient(LanDevice, null, Local));
    }

    [Fact]
    public void PermitMynetworksBeforeRejectLetsTheLanThroughAndNobodyElse()
    {
        var policy = Create([RestrictionKind.PermitMynetworks, RestrictionKind.Reject]);

        Assert.Equal(RelayDecision.Permit, policy.CheckRecipient(LanDevice, null, Remote));
        Assert.Equal(RelayDecision.Reject(RelayRejectReason.AccessDenied), policy.CheckRecipient(AuthenticatedFromInternet, null, Remote));
        Assert.Equal(RelayDecision.Reject(RelayRejectReason.AccessDenied), policy.CheckRecipient(Stranger, null, Local));
    }

    [Fact]
    public void RejectBeforePermitSaslAuthenticatedRefusesEvenAuthenticatedClients()
    {
        var policy = Create([RestrictionKind.Reject, RestrictionKind.PermitSaslAuthenticated]);

        Assert.Equal(RelayDecision.Reject(RelayRejectReason.AccessDenied), policy.CheckRecipient(AuthenticatedFromInternet, null, Remote));
    }

    [Fact]
    public void PermitBeforeRejectUnauthDestinationMakesAnOpenRelay()
    {
        var policy = Create([RestrictionKind.Permit, RestrictionKind.RejectUnauthDestination]);

        Assert.Equal(RelayDecision.Permit, policy.CheckRecipient(Stranger, null, Remote));
    }

    [Fact]
    public void AListThatRunsOffItsEndPermitsAsInPostfix()
    {
        var policy = Create([RestrictionKind.PermitMynetworks]);

        Assert.Equal(RelayDecision.Permit, policy.CheckRecipient(Stranger, null, Remote));
    }

    [Fact]
    public void WithoutPermitSaslAuthenticatedAnAuthenticatedStrangerMayNotRelay()
    {
        var policy = Create([RestrictionKind.PermitMynetworks, RestrictionKind.RejectUnauthDestination]);

        Assert.Equal(RelayDecision.Reject(RelayRejectReason.RelayAccessDenied), policy.CheckRecipient(AuthenticatedFromInternet, null, Remote));
    }

    [Fact]
    public void IPv4MappedLanClientIsInMynetworks()
    {
        var mapped = new RelayClient(IPAddress.Parse("::ffff:192.168.0.7"), null, []);

        Assert.Equal(RelayDecision.Permit, Create().CheckRecipient(mapped, null, Remote));
    }

    [Fact]
    public void IPv4MappedInternetClientIsNotInMynetworks()
    {
        var mapped = new RelayClient(IPAddress.Parse("::ffff:203.0.113.9"), null, []);

        Assert.Equal(RelayDecision.Reject(RelayRejectReason.RelayAccessDenied), Create().CheckRecipient(mapped, null, Remote));
    }

    [Fact]
    public void UnknownRestrictionValueIsRefusedAtConstruction()
    {
        Assert.Throws<ArgumentException>(() => Create([(RestrictionKind)99]));
    }

    [Fact]
    public void DefaultListEndsWithRejectUnauthDestination()
    {
        Assert.Equal(RestrictionKind.RejectUnauthDestination, RelayPolicyOptions.DefaultRestrictions[^1]);
    }
}
