using System.Net;

namespace Relaybox.Smtp.Delivery.Dns;

/// <summary>The result of <see cref="MxResolver.ResolveAddressesAsync"/>: the addresses (IPv4 first, then IPv6)
/// when <see cref="Kind"/> is <see cref="AddressResolutionKind.Found"/>, and a text for the log.</summary>
public sealed record AddressResolution(AddressResolutionKind Kind, IReadOnlyList<IPAddress> Addresses, string Detail);
