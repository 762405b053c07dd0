using System.Net;
using System.Security.Cryptography;

namespace Relaybox.Smtp.Delivery.Dns;

/// <summary>
/// Finds where to deliver mail for a domain (RFC 5321 5.1): its MX hosts in preference order, or the domain
/// itself when it has no MX (implicit MX), refusing the null MX (RFC 7505). Every outcome is a value.
/// </summary>
public sealed class MxResolver(DnsClient client)
{
    /// <summary>At most this many MX hosts are resolved and returned: Postfix's smtp_mx_address_limit is 5 and
    /// real domains rarely list more than a handful, so 10 is generous and still bounds the queries made.</summary>
    public const int MaxHosts = 10;

    public async Task<MxResolution> ResolveAsync(string domain, CancellationToken cancellation = default)
    {
        domain = DnsName.Normalize(domain);
        if (domain.Length == 0)
        {
            return MxResolution.Failure(MxResolutionKind.NoSuchDomain, "empty domain");
        }

        if (TryParseAddressLiteral(domain, out var literal))
        {
            // user@[192.0.2.1]: the address is the mail host, no MX lookup (RFC 5321 4.1.3, 5.1).
            return new MxResolution(MxResolutionKind.ImplicitMx, [new MxHost(domain, 0, [literal])], $"{domain} is an address");
        }

        var mx = await DnsRecordSet.QueryAsync(client, domain, DnsRecordType.Mx, cancellation).ConfigureAwait(false);
        switch (mx.Status)
        {
            case DnsQueryStatus.NameError:
            case DnsQueryStatus.InvalidName:
                return MxResolution.Failure(MxResolutionKind.NoSuchDomain, mx.Detail);
            case DnsQueryStatus.ServerFailure:
            case DnsQueryStatus.Timeout:
                return MxResolution.Failure(MxResolutionKind.Temporary, mx.Detail);
        }

        if (mx.Records.Count == 0)
        {
            return await ResolveImplicitMxAsync(domain, cancellation).ConfigureAwait(false);
        }

        // RFC 7505 3: the null MX is a single record with the empty target. A domain that mixes it with real MX
        // records is misconfigured; the real hosts are used then, as they are the more useful reading.
        var targets = mx.Records.Where(r => !string.IsNullOrEmpty(r.Target)).ToList();
        if (targets.Count == 0)
        {
            return MxResolution.Failure(MxResolutionKind.NullMx, $"{domain} does not accept mail (null MX, RFC 7505)");
        }

        var ordered = OrderByPreference(targets);
        var lookups = ordered
            .Select(r => ResolveAddressesAsync(r.Target!, cancellation))
            .ToList();
        var resolved = await Task.WhenAll(lookups).ConfigureAwait(false);

        var hosts = new List<MxHost>();
        bool anyTemporary = false;
        for (int i = 0; i < ordered.Count; i++)
        {
            if (resolved[i].Kind == AddressResolutionKind.Found)
            {
                hosts.Add(new MxHost(DnsName.Normalize(ordered[i].Target!), ordered[i].Preference, resolved[i].Addresses));
            }

            anyTemporary |= resolved[i].Kind == AddressResolutionKind.Temporary;
        }

        if (hosts.Count > 0)
        {
            return new MxResolution(MxResolutionKind.Hosts, hosts, $"{domain}: {hosts.Count} MX host(s)");
        }

        return anyTemporary
            ? MxResolution.Failure(MxResolutionKind.Temporary, $"{domain}: no MX host could be resolved now")
            : MxResolution.Failure(MxResolutionKind.NoMailHost, $"{domain}: none of its MX hosts has an address");
    }

    /// <summary>
    /// The A and AAAA addresses of a host, following CNAMEs (RFC 2181 10.3 forbids an MX target to be an alias,
    /// but mail is delivered anyway, as Postfix and others do). An address literal is returned as it is, so a
    /// smarthost may be configured by address.
    /// </summary>
    public async Task<AddressResolution> ResolveAddressesAsync(string host, CancellationToken cancellation = default)
    {
        if (TryParseAddressLiteral(host, out var address))
        {
            return new AddressResolution(AddressResolutionKind.Found, [address], $"{host} is an address");
        }

        host = DnsName.Normalize(host);
        if (host.Length == 0)
        {
            return new AddressResolution(AddressResolutionKind.NoSuchHost, [], "empty host name");
        }

        var ipv4 = DnsRecordSet.QueryAsync(client, host, DnsRecordType.A, cancellation);
        var ipv6 = DnsRecordSet.QueryAsync(client, host, DnsRecordType.Aaaa, cancellation);
        var results = await Task.WhenAll(ipv4, ipv6).ConfigureAwait(false);

        // IPv4 first: many of the networks an appliance sits on have no IPv6 route, and a failed connect to an
        // IPv6 address would cost a timeout per host before IPv4 is tried.
        var addresses = results.SelectMany(r => r.Records).Select(r => r.Address!).Distinct().ToList();
        if (addresses.Count > 0)
        {
            return new AddressResolution(AddressResolutionKind.Found, addresses, $"{host}: {addresses.Count} address(es)");
        }

        if (results.FirstOrDefault(r => r.Status is DnsQueryStatus.ServerFailure or DnsQueryStatus.Timeout) is { } failed)
        {
            return new AddressResolution(AddressResolutionKind.Temporary, [], failed.Detail);
        }

        return results.Any(r => r.Status is DnsQueryStatus.NameError or DnsQueryStatus.InvalidName)
            ? new AddressResolution(AddressResolutionKind.NoSuchHost, [], $"{host}: no such host")
            : new AddressResolution(AddressResolutionKind.NoAddresses, [], $"{host}: no A or AAAA records");
    }

    /// <summary>
    /// An address given instead of a name: "[192.0.2.1]" and "[IPv6:2001:db8::1]" as in RFC 5321 4.1.3, or a
    /// bare address as a smarthost may be configured. A name made of digits and dots only is an address too, as
    /// no top-level domain is numeric (RFC 3696 2).
    /// </summary>
    private static bool TryParseAddressLiteral(string text, out IPAddress address)
    {
        address = IPAddress.None;
        var inner = text.StartsWith('[') && text.EndsWith(']') ? text[1..^1] : text;
        if (inner.StartsWith("IPv6:", StringComparison.OrdinalIgnoreCase))
        {
            inner = inner[5..];
        }

        // IPAddress.TryParse also takes "1" or "1.2" as IPv4 shorthands; only the dotted quad and IPv6 text count.
        if (!IPAddress.TryParse(inner, out var parsed)
            || (parsed.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && inner.Count(c => c == '.') != 3)
            || (parsed.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && !inner.Contains(':')))
        {
            return false;
        }

        address = parsed;
        return true;
    }

    private async Task<MxResolution> ResolveImplicitMxAsync(string domain, CancellationToken cancellation)
    {
        var own = await ResolveAddressesAsync(domain, cancellation).ConfigureAwait(false);
        return own.Kind switch
        {
            AddressResolutionKind.Found => new MxResolution(MxResolutionKind.ImplicitMx,
                [new MxHost(domain, 0, own.Addresses)], $"{domain}: no MX, delivering to its own address (RFC 5321 5.1)"),
            AddressResolutionKind.Temporary => MxResolution.Failure(MxResolutionKind.Temporary, own.Detail),
            _ => MxResolution.Failure(MxResolutionKind.NoMailHost, $"{domain}: no MX and no address"),
        };
    }

    /// <summary>
    /// Lowest preference first; hosts of equal preference in random order, so senders spread their load over
    /// them (RFC 5321 5.1). A host listed twice keeps its best preference. At most <see cref="MaxHosts"/>.
    /// </summary>
    private static List<DnsRecord> OrderByPreference(List<DnsRecord> records)
    {
        var unique = records
            .GroupBy(r => DnsName.Normalize(r.Target!), StringComparer.OrdinalIgnoreCase)
            .Select(g => g.MinBy(r => r.Preference)!)
            .ToArray();
        RandomNumberGenerator.Shuffle<DnsRecord>(unique);
        // OrderBy is a stable sort: equal preferences keep the shuffled order.
        return unique.OrderBy(r => r.Preference).Take(MaxHosts).ToList();
    }
}
