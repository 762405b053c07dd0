using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Relaybox.Smtp.Tests.Delivery.Routing;

/// <summary>
/// A small SMTP server on one loopback address and port (MX tests need several hosts on the same port), taking
/// any number of connections: it greets with <see cref="Greeting"/>, answers RCPT from <see cref="RcptReplies"/>
/// (250 otherwise), and records every message it took. No STARTTLS, no AUTH.
/// </summary>
internal sealed class LoopbackSmtpServer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<ReceivedMessage> _messages = [];
    private int _connections;

    public LoopbackSmtpServer(IPAddress address, int port)
    {
        _listener = new TcpListener(address, port);
        _listener.Start();
        EndPoint = (IPEndPoint)_listener.LocalEndpoint;
        _ = AcceptLoopAsync();
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>The greeting line, e.g. "421 busy" to send clients on to the next host.</summary>
    public string Greeting { get; init; } = "220 loopback ESMTP";

    /// <summary>Replies to RCPT by address; others get 250.</summary>
    public Dictionary<string, string> RcptReplies { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>True: close the connection after reading the content, without a reply to the final dot.</summary>
    public bool DropAfterContent { get; init; }

    public int Connections => Volatile.Read(ref _connections);

    public IReadOnlyList<ReceivedMessage> Messages
    {
        get
        {
            lock (_messages)
            {
                return _messages.ToList();
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client = await _listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _connections);
                _ = ServeAsync(client);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // stopped
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using TcpClient _ = client;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            timeout.CancelAfter(TimeSpan.FromSeconds(20));
            NetworkStream stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.UTF8, false, 1024, leaveOpen: true);
            async Task Send(string line) => await stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\r\n"), timeout.Token);

            await Send(Greeting);
            if (!Greeting.StartsWith("220", StringComparison.Ordinal))
            {
                // RFC 5321 section 3.1: after a refusing greeting only QUIT is answered.
                await reader.ReadLineAsync(timeout.Token);
                await Send("221 bye");
                return;
            }

            string from = string.Empty;
            var recipients = new List<string>();
            while (await reader.ReadLineAsync(timeout.Token) is { } line)
            {
                string verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await Send("250-loopback\r\n250 8BITMIME");
                        break;
                    case "MAIL":
                        from = Between(line, '<', '>');
                        recipients.Clear();
                        await Send("250 2.1.0 ok");
                        break;
                    case "RCPT":
                        string address = Between(line, '<', '>');
                        if (RcptReplies.TryGetValue(address, out string? reply))
                        {
                            await Send(reply);
                        }
                        else
                        {
                            recipients.Add(address);
                            await Send("250 2.1.5 ok");
                        }

                        break;
                    case "DATA":
                        await Send("354 go ahead");
                        var content = new StringBuilder();
                        while (await reader.ReadLineAsync(timeout.Token) is { } data && data != ".")
                        {
                            content.Append(data).Append("\r\n");
                        }

                        if (DropAfterContent)
                        {
                            return;
                        }

                        lock (_messages)
                        {
                            _messages.Add(new ReceivedMessage(from, recipients.ToList(), content.ToString()));
                        }

                        await Send("250 2.0.0 queued");
                        break;
                    case "QUIT":
                        await Send("221 bye");
                        return;
                    default:
                        await Send("250 ok");
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // the client went away or the test ended
        }
    }

    private static string Between(string line, char open, char close)
    {
        int start = line.IndexOf(open, StringComparison.Ordinal);
        int end = line.IndexOf(close, start + 1);
        return start < 0 || end < 0 ? string.Empty : line[(start + 1)..end];
    }

    internal sealed record ReceivedMessage(string From, IReadOnlyList<string> Recipients, string Content);
}
