using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Relaybox.Smtp.Delivery.Dns;

namespace Relaybox.Smtp.Tests.Delivery.Dns;

/// <summary>
/// A DNS server written for one test: on a loopback port it answers each UDP query with whatever datagrams
/// <c>udp</c> returns (none, one, several, garbage) and, when given, each TCP query with <c>tcp</c>'s message.
/// </summary>
internal sealed class ScriptedDnsServer : IDisposable
{
    private readonly Socket _udp = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly Socket? _tcp;
    private readonly CancellationTokenSource _stop = new();
    private int _udpQueries;
    private int _tcpQueries;

    public ScriptedDnsServer(Func<DnsMessage, IEnumerable<byte[]>> udp, Func<DnsMessage, DnsMessage>? tcp = null)
    {
        _udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _ = ServeUdpAsync(udp);
        if (tcp is not null)
        {
            _tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            _tcp.Bind(EndPoint);
            _tcp.Listen();
            _ = ServeTcpAsync(tcp);
        }
    }

    /// <summary>A server answering from a zone over UDP only.</summary>
    public ScriptedDnsServer(TestZone zone)
        : this(query => [zone.Answer(query).Encode()])
    {
    }

    public IPEndPoint EndPoint => (IPEndPoint)_udp.LocalEndPoint!;

    public int UdpQueries => Volatile.Read(ref _udpQueries);

    public int TcpQueries => Volatile.Read(ref _tcpQueries);

    public void Dispose()
    {
        _stop.Cancel();
        _udp.Dispose();
        _tcp?.Dispose();
    }

    private async Task ServeUdpAsync(Func<DnsMessage, IEnumerable<byte[]>> answer)
    {
        var buffer = new byte[DnsMessage.MaxUdpSize];
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var received = await _udp.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), _stop.Token);
                if (DnsMessage.TryDecode(buffer.AsSpan(0, received.ReceivedBytes), out var query) != DnsDecodeError.None)
                {
                    continue;
                }

                Interlocked.Increment(ref _udpQueries);
                foreach (var datagram in answer(query!))
                {
                    await _udp.SendToAsync(datagram, SocketFlags.None, received.RemoteEndPoint, _stop.Token);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // stopped
        }
    }

    private async Task ServeTcpAsync(Func<DnsMessage, DnsMessage> answer)
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                using var connection = await _tcp!.AcceptAsync(_stop.Token);
                await using var stream = new NetworkStream(connection);
                var prefix = new byte[2];
                await stream.ReadExactlyAsync(prefix, _stop.Token);
                var query = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
                await stream.ReadExactlyAsync(query, _stop.Token);
                DnsMessage.TryDecode(query, out var message);
                Interlocked.Increment(ref _tcpQueries);
                var response = answer(message!).Encode();
                BinaryPrimitives.WriteUInt16BigEndian(prefix, (ushort)response.Length);
                await stream.WriteAsync(prefix, _stop.Token);
                await stream.WriteAsync(response, _stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException or IOException)
        {
            // stopped
        }
    }
}
