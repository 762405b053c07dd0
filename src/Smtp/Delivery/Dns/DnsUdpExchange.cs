using System.Net;
using System.Net.Sockets;

namespace Relaybox.Smtp.Delivery.Dns;

/// <summary>
/// One query over UDP (RFC 1035 4.2.1). The socket is connected, so the kernel drops datagrams from any other
/// address; datagrams that still arrive but do not match id and question are ignored until the time is up
/// (a late answer to an earlier try, or a spoofing attempt).
/// </summary>
internal static class DnsUdpExchange
{
    /// <summary>Larger than the 512 octets a server may send without EDNS0, so an oversized datagram from a
    /// sloppy server is still read whole rather than cut.</summary>
    private const int ReceiveBufferSize = 4096;

    public static async Task<DnsExchangeOutcome> RunAsync(IPEndPoint server, DnsMessage query, CancellationToken cancellation)
    {
        using var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            await socket.ConnectAsync(server, cancellation).ConfigureAwait(false);
            await socket.SendAsync(query.Encode(), SocketFlags.None, cancellation).ConfigureAwait(false);
            var buffer = new byte[ReceiveBufferSize];
            while (true)
            {
                int received = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellation).ConfigureAwait(false);
                if (DnsResponseMatch.TryMatch(query, buffer.AsSpan(0, received), out var response))
                {
                    return DnsExchangeOutcome.Answered(response);
                }
            }
        }
        catch (SocketException e)
        {
            // ICMP port unreachable shows as ConnectionRefused on a connected UDP socket: the server is down,
            // so the next one is tried at once instead of waiting for the timeout.
            return DnsExchangeOutcome.TimedOut($"{server} over UDP: {e.SocketErrorCode}");
        }
    }
}
