using System.Net;

namespace Relaybox.Appliance.Configuration.Options;

/// <summary>
/// [legacy]: old devices (TLS 1.0/1.1 only, AUTH before STARTTLS) allowed a weaker profile, by address only.
/// Empty <see cref="Clients"/> = the profile is off.
/// </summary>
public sealed record LegacySection(IReadOnlyList<IPNetwork> Clients, TlsVersion TlsMinVersion, bool AllowPlaintextAuth)
{
    public bool Enabled => Clients.Count > 0;

    public bool Covers(IPAddress address) => Clients.Any(n => n.Contains(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address));
}
