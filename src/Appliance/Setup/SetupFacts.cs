using System.Net;
using Relaybox.Appliance.Configuration.Options;

namespace Relaybox.Appliance.Setup;

/// <summary>
/// The facts about the configuration that decide "setup needed", taken at start and at each reload.
/// </summary>
/// <param name="IsDemo">Running on the embedded demo configuration (no config file).</param>
/// <param name="DeliveryEnabled">[queue] deliver: off on a factory-fresh box.</param>
/// <param name="LanMayRelay">mynetworks names more than the loopback networks, so LAN devices may relay without a login.</param>
/// <param name="UserCount">Users in the users file: with none, nobody can log in to submit.</param>
public sealed record SetupFacts(bool IsDemo, bool DeliveryEnabled, bool LanMayRelay, int UserCount)
{
    /// <summary>
    /// Setup is needed when the box cannot do its one job, relaying the LAN's mail: on the demo configuration,
    /// while delivery is off (the factory state: accepted mail would wait forever), or when no device other
    /// than the box itself can hand it mail (no users and no LAN network trusted). A missing relayhost is not
    /// a setup problem (direct MX delivery is a valid choice), nor a missing admin (alerts are then only logged).
    /// </summary>
    public bool SetupNeeded => IsDemo || !DeliveryEnabled || (UserCount == 0 && !LanMayRelay);

    public static SetupFacts From(RelayboxConfig config, bool isDemo, int userCount) =>
        new(isDemo, config.Queue.Deliver, config.Server.MyNetworks.Any(network => !IsLoopback(network)), userCount);

    private static bool IsLoopback(IPNetwork network) => IPAddress.IsLoopback(network.BaseAddress);
}
