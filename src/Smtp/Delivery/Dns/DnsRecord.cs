using System.Net;

namespace Relaybox.Smtp.Delivery.Dns;

/// <summary>
/// One resource record of a type relaybox understands (RFC 1035 4.1.3). Only the fields of its type are set:
/// <see cref="Address"/> for A/AAAA, <see cref="Target"/> for CNAME (the canonical name) and MX (the exchange,
/// the empty string for the RFC 7505 null MX "."), <see cref="Preference"/> for MX.
/// </summary>
public sealed record DnsRecord(string Name, DnsRecordType Type, uint TimeToLive, IPAddress? Address = null,
    string? Target = null, ushort Preference = 0)
{
    public static DnsRecord ForAddress(string name, IPAddress address, uint ttl = 300) => new(
        name,
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? DnsRecordType.Aaaa : DnsRecordType.A,
        ttl,
        Address: address);

    public static DnsRecord ForMx(string name, ushort preference, string exchange, uint ttl = 300) =>
        new(name, DnsRecordType.Mx, ttl, Target: exchange, Preference: preference);

    public static DnsRecord ForCname(string name, string canonicalName, uint ttl = 300) =>
        new(name, DnsRecordType.Cname, ttl, Target: canonicalName);
}
