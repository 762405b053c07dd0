using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Relaybox.Smtp.Delivery.Dns;

/// <summary>
/// One query over TCP, used when a UDP answer came back truncated (RFC 1035 4.2.2, RFC 7766 5): each message
/// is preceded by its length in two octets, so a response is at most 65535 octets.
/// </summary>
internal static class DnsTcpExchange
{
    public static async Task<DnsExchangeOutcome> RunAsync(IPEndPoint server, DnsMessage query, CancellationToken cancellation)
    {
        using var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(server, cancellation).ConfigureAwait(false);
            var encoded = query.Encode();
            var framed = new byte[2 + encoded.Length];
            BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)encoded.Length);
            encoded.CopyTo(framed, 2);
            await socket.SendAsync(framed, SocketFlags.None, cancellation).ConfigureAwait(false);

            var prefix = new byte[2];
            if (!await ReadExactlyAsync(socket, prefix, cancellation).ConfigureAwait(false))
            {
                return DnsExchangeOutcome.Failed($"{server} closed the TCP connection before answering");
            }

            var response = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
            if (!await ReadExactlyAsync(socket, response, cancellation).ConfigureAwait(false))
            {
                return DnsExchangeOutcome.Failed($"{server} closed the TCP connection inside a response");
            }

            return DnsResponseMatch.TryMatch(query, response, out var message)
                ? DnsExchangeOutcome.Answered(message)
                : DnsExchangeOutcome.Failed($"{server} sent a TCP response that does not match the query");
        }
        catch (SocketException e)
        {
            return DnsExchangeOutcome.TimedOut($"{server} over TCP: {e.SocketErrorCode}");
        }
    }

    private static async Task<bool> ReadExactlyAsync(Socket socket, Memory<byte> buffer, CancellationToken cancellation)
    {
        while (buffer.Length > 0)
        {
            int read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellation).ConfigureAwait(false);
            if (read == 0)
            {
                return false;
            }

            buffer = buffer[read..];
        }

        return true;
    }
}
