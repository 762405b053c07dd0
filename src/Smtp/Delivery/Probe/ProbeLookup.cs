using System.Net;
using System.Net.Sockets;
using Relaybox.Smtp.Delivery.Dns;
using Relaybox.Smtp.Delivery.Routing;

namespace Relaybox.Smtp.Delivery.Probe;

/// <summary>
/// The DNS step: the relayhost's addresses, found as delivery finds them. <c>[host]</c> through the system's resolver
/// (an address needs no lookup); <c>host</c> by its MX records first (Postfix relayhost) through relaybox's own
/// resolver (<c>[relay] dns_servers</c>, else /etc/resolv.conf).
/// </summary>
internal static class ProbeLookup
{
    public static async Task<(IReadOnlyList<ProbeTarget> Targets, string Step, ProbeReport? Failure)> ResolveAsync(
        Relayhost relay, MxResolver resolver, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(relay.Host, out IPAddress? literal) && !relay.LookUpMx)
        {
            return ([new ProbeTarget(relay.Host, literal)], $"DNS: {relay.Host} is an address, nothing to look up", null);
        }

        if (relay.LookUpMx)
        {
            MxResolution mx = await resolver.ResolveAsync(relay.Host, cancellationToken).ConfigureAwait(false);
            if (mx.Hosts.Count == 0)
            {
                return ([], string.Empty, Failed(relay.Host, permanent: mx.Kind is MxResolutionKind.NoSuchDomain,
                    temporary: mx.Kind is MxResolutionKind.Temporary, mx.Detail));
            }

            var targets = mx.Hosts.SelectMany(h => h.Addresses.Select(a => new ProbeTarget(h.Name, a))).Take(ProbeRequest.MaxAddresses).ToList();
            string hosts = string.Join(", ", mx.Hosts.Select(h => $"{h.Name} ({string.Join(", ", h.Addresses)})"));
            string how = mx.Kind == MxResolutionKind.ImplicitMx ? "no MX records, its own address" : "MX";
            return (targets, $"DNS: {relay.Host} {how} → {hosts}", null);
        }

        // Delivery connects to a [host] by name, through the system's resolver (getaddrinfo: /etc/hosts, then DNS);
        // the test looks it up the same way, so a name it accepts is one delivery reaches.
        IPAddress[] addresses;
        try
        {
            addresses = await System.Net.Dns.GetHostAddressesAsync(relay.Host, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            return ([], string.Empty, Failed(relay.Host, permanent: e.SocketErrorCode is SocketError.HostNotFound,
                temporary: e.SocketErrorCode is not (SocketError.HostNotFound or SocketError.NoData), e.Message));
        }

        if (addresses.Length == 0)
        {
            return ([], string.Empty, Failed(relay.Host, permanent: false, temporary: false, "no A or AAAA records"));
        }

        var byName = addresses.Distinct().Take(ProbeRequest.MaxAddresses).Select(a => new ProbeTarget(relay.Host, a)).ToList();
        return (byName, $"DNS: {relay.Host} → {string.Join(", ", addresses.Distinct())}", null);
    }

    private static ProbeReport Failed(string host, bool permanent, bool temporary, string detail)
    {
        (string summary, string advice) = (permanent, temporary) switch
        {
            (true, _) => ($"the name {host} does not exist ({detail})",
                "check the spelling of the smarthost name (relayhost); the provider's help pages give it, e.g. smtp.provider.example"),
            (_, true) => ($"no name server answered for {host} ({detail})",
                "check the network cable and the router; the name servers are [relay] dns_servers, or those of /etc/resolv.conf"),
            _ => ($"the name {host} exists but has no address ({detail})",
                "check the name: this is probably not the provider's mail server"),
        };
        return new ProbeReport { FailedStage = ProbeStage.Dns, Summary = summary, Advice = advice };
    }
}
