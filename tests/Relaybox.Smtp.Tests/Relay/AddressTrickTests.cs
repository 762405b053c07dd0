using Relaybox.Smtp.Relay;
using static Relaybox.Smtp.Tests.Relay.RelayTestPolicies;

namespace Relaybox.Smtp.Tests.Relay;

/// <summary>
/// The address tricks that turned Postfix and sendmail installations into open relays, tried against the
/// default restriction list (permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination).
/// A stranger must be refused unless the address is truly ours; a LAN device or an authenticated user may
/// send anywhere, routing characters being just part of a remote address to them.
/// </summary>
public sealed class AddressTrickTests
{
    private const RelayRejectReason Ours = RelayRejectReason.None;

    public static TheoryData<string, bool, RelayRejectReason> Tricks => new()
    {
        // Truly ours.
        { "<user@relay.home.arpa>", false, Ours },
        { "<User@RELAY.Home.ARPA>", false, Ours },
        { "<user@relay.home.arpa.>", false, Ours },
        { "<root>", false, Ours },
        { "<postmaster>", false, Ours },
        { "<PostMaster>", false, Ours },
        { "<postmaster@relay.home.arpa>", false, Ours },
        { "<\"john smith\"@relay.home.arpa>", false, Ours },
        { "<@evil.example:user@relay.home.arpa>", false, Ours },
        { "<user@localhost>", false, Ours },

        // Percent hack and bang paths into a local domain.
        { "<user%evil.example@relay.home.arpa>", false, RelayRejectReason.RoutingSyntaxRefused },
        { "<user%evil.example%relay.home.arpa@relay.home.arpa>", false, RelayRejectReason.RoutingSyntaxRefused },
        { "<evil.example!user@relay.home.arpa>", false, RelayRejectReason.RoutingSyntaxRefused },
        { "<user%evil.example>", false, RelayRejectReason.RoutingSyntaxRefused },
        { "<evil.example!user>", false, RelayRejectReason.RoutingSyntaxRefused },
        { "<postmaster%evil.example@relay.home.arpa>", false, RelayRejectReason.RoutingSyntaxRefused },

        // Quoted local parts hiding routing characters.
        { "<\"user@evil.example\"@relay.home.arpa>", false, RelayRejectReason.RoutingSyntaxRefused },
        { "<\"user\\@evil.example\"@relay.home.arpa>", false, RelayRejectReason.RoutingSyntaxRefused },
        { "<\"user%evil.example\"@relay.home.arpa>", false, RelayRejectReason.RoutingSyntaxRefused },
        { "<\"evil.example!user\"@relay.home.arpa>", false, RelayRejectReason.RoutingSyntaxRefused },
        { "<\"user@evil.example\">", false, RelayRejectReason.RoutingSyntaxRefused },

        // Source routes: the route is dropped, the final domain decides.
        { "<@relay.home.arpa:user@evil.example>", false, RelayRejectReason.RelayAccessDenied },
        { "<@relay.home.arpa,@localhost:user@evil.example>", false, RelayRejectReason.RelayAccessDenied },

        // Address literals are relaying, even our own addresses.
        { "<user@[127.0.0.1]>", false, RelayRejectReason.RelayAccessDenied },
        { "<postmaster@[127.0.0.1]>", false, RelayRejectReason.RelayAccessDenied },
        { "<user@[IPv6:::1]>", false, RelayRejectReason.RelayAccessDenied },
        { "<user@[192.168.1.1]>", false, RelayRejectReason.RelayAccessDenied },

        // Plain relaying and near misses of our domain.
        { "<user@evil.example>", false, RelayRejectReason.RelayAccessDenied },
        { "<user@evil.example.>", false, RelayRejectReason.RelayAccessDenied },
        { "<postmaster@evil.example>", false, RelayRejectReason.RelayAccessDenied },
        { "<user@sub.relay.home.arpa>", false, RelayRejectReason.RelayAccessDenied },
        { "<user@relay.home.arpa.evil.example>", false, RelayRejectReason.RelayAccessDenied },
        { "<user@home.arpa>", false, RelayRejectReason.RelayAccessDenied },
        { "<user@relayhome.arpa>", false, RelayRejectReason.RelayAccessDenied },

        // SMTPUTF8 look-alikes: Cyrillic "а" in the domain, an ideographic full stop, full-width routing signs.
        { "<user@rel\u0430y.home.arpa>", true, RelayRejectReason.RelayAccessDenied },
        { "<user@relay.home.arpa\u3002>", true, RelayRejectReason.RelayAccessDenied },
        { "<user\uFF05evil.example@relay.home.arpa>", true, RelayRejectReason.RoutingSyntaxRefused },
        { "<user\uFF20evil.example@relay.home.arpa>", true, RelayRejectReason.RoutingSyntaxRefused },
        { "<evil.example\uFF01user@relay.home.arpa>", true, RelayRejectReason.RoutingSyntaxRefused },
        { "<\u00FCser@relay.home.arpa>", true, Ours },
    };

    [Theory]
    [MemberData(nameof(Tricks))]
    public void StrangerWithoutAuthIsRefusedUnlessTheAddressIsTrulyOurs(string path, bool smtpUtf8, RelayRejectReason expected)
    {
        var decision = Create().CheckRecipient(Stranger, null, Addresses.Parse(path, smtpUtf8));

        var wanted = expected == Ours ? RelayDecision.Permit : RelayDecision.Reject(expected);
        Assert.Equal(wanted, decision);
    }

    [Theory]
    [MemberData(nameof(Tricks))]
    public void MynetworksClientIsPermittedEveryAddress(string path, bool smtpUtf8, RelayRejectReason unused)
    {
        _ = unused;
        Assert.Equal(RelayDecision.Permit, Create().CheckRecipient(LanDevice, null, Addresses.Parse(path, smtpUtf8)));
    }

    [Theory]
    [MemberData(nameof(Tricks))]
    public void AuthenticatedClientIsPermittedEveryAddress(string path, bool smtpUtf8, RelayRejectReason unused)
    {
        _ = unused;
        Assert.Equal(RelayDecision.Permit, Create().CheckRecipient(AuthenticatedFromInternet, null, Addresses.Parse(path, smtpUtf8)));
    }

    [Theory]
    [InlineData("user%evil.example", true)]
    [InlineData("evil.example!user", true)]
    [InlineData("\"a@b\"", true)]
    [InlineData("user\uFE6Aevil", true)]
    [InlineData("\"john smith\"", false)]
    [InlineData("first.last+tag", false)]
    public void RoutingSyntaxIsRecognisedInLocalParts(string localPart, bool expected)
    {
        Assert.Equal(expected, DestinationClassifier.HasRoutingSyntax(localPart));
    }

    [Fact]
    public void ConfiguredLocalDomainsAreMatchedWithoutCaseOrTrailingDot()
    {
        var classifier = new DestinationClassifier(["Relay.Home.ARPA."]);

        Assert.Equal(RecipientDestination.Local, classifier.Classify(Addresses.Parse("<a@relay.home.arpa>")));
        Assert.Equal(RecipientDestination.Relay, classifier.Classify(Addresses.Parse("<a@example.net>")));
    }
}
