using System.Net;
using Relaybox.Smtp.Relay;

namespace Relaybox.Smtp.Tests.Relay;

/// <summary>The clients and policies the relay tests share: relay.home.arpa on a 192.168.0.0/23 LAN.</summary>
internal static class RelayTestPolicies
{
    public static readonly IPAddress LanAddress = IPAddress.Parse("192.168.1.20");
    public static readonly IPAddress InternetAddress = IPAddress.Parse("203.0.113.9");

    public static RelayClient Stranger { get; } = new(InternetAddress, null, []);

    public static RelayClient LanDevice { get; } = new(LanAddress, null, []);

    public static RelayClient AuthenticatedFromInternet { get; } = new(InternetAddress, "alice@example.com", []);

    public static RelayPolicy Create(
        IReadOnlyList<RestrictionKind>? restrictions = null,
        int defaultMessagesPerHour = 0,
        TimeProvider? time = null,
        SendingQuota? quota = null) =>
        new(
            new RelayPolicyOptions(
                restrictions ?? RelayPolicyOptions.DefaultRestrictions,
                [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128"), IPNetwork.Parse("192.168.0.0/23")],
                ["relay.home.arpa", "localhost"],
                defaultMessagesPerHour),
            time ?? new ManualClock(),
            quota);
}
