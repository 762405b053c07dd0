using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Relaybox.Smtp.Tests.Delivery.Client;

/// <summary>
/// An SMTP server on 127.0.0.1 taking any number of connections at once, recording every command per connection, for
/// the tests of session reuse: how many connections, what each one carried, and whether a client ever mixed two
/// transactions on one connection (a MAIL inside an open transaction, a RCPT without MAIL).
/// </summary>
internal sealed class RecordingUpstream : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Connection> _connections = [];
    private readonly List<string> _violations = [];

    public RecordingUpstream()
    {
        _listener.Start();
        _ = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Offer "AUTH CRAM-MD5" and accept any login (recorded as a line "LOGIN name" after the AUTH command).</summary>
    public bool OfferCramMd5 { get; init; }

    /// <summary>MAIL from these senders gets 550.</summary>
    public HashSet<string> RefusedSenders { get; } = [];

    /// <summary>True: the second MAIL on any connection gets "421" and the connection closes (a server that ended it meanwhile).</summary>
    public bool CloseAtSecondMail { get; init; }

    /// <summary>The reply to RSET; anything but a 250 also closes the connection.</summary>
    public string RsetReply { get; init; } = "250 2.0.0 reset";

    /// <summary>When set, the reply to the final dot waits for it: tests hold several sessions open at once.</summary>
    public Task? HoldFinalReply { get; set; }

    public int ConnectionCount
    {
        get
        {
            lock (_connections)
            {
                return _connections.Count;
            }
        }
    }

    /// <summary>The commands of each connection, in the order the connections were accepted.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Commands
    {
        get
        {
            lock (_connections)
            {
                return _connections.Select(c => c.Snapshot()).ToList();
            }
        }
    }

    public IReadOnlyList<string> Violations
    {
        get
        {
            lock (_violations)
            {
                return _violations.ToList();
            }
        }
    }

    public int Count(string verb) => Commands.Sum(c => c.Count(line => line.StartsWith(verb, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Closes every open connection from the server's side, without a word (a server restart or an idle limit).</summary>
    public void DropAll()
    {
        lock (_connections)
        {
            foreach (Connection connection in _connections)
            {
                connection.Socket.Close();
            }
        }
    }

    /// <summary>Waits (in real time) until <paramref name="condition"/> holds.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (int i = 0; i < 400 && !condition(); i++)
        {
            await Task.Delay(25);
        }

        Assert.True(condition(), "condition not reached within 10 s");
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        DropAll();
    }

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client = await _listener.AcceptTcpClientAsync(_stop.Token);
                var connection = new Connection(client);
                lock (_connections)
                {
                    _connections.Add(connection);
                }

                _ = ServeAsync(connection);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // stopped
        }
    }

    private async Task ServeAsync(Connection connection)
    {
        using TcpClient _ = connection.Client;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            NetworkStream stream = connection.Client.GetStream();
            using var reader = new StreamReader(stream, Encoding.UTF8, false, 1024, leaveOpen: true);
            async Task Send(string text) => await stream.WriteAsync(Encoding.UTF8.GetBytes(text + "\r\n"), timeout.Token);

            await Send("220 recording.test ESMTP");
            bool inTransaction = false;
            int mails = 0;
            while (await reader.ReadLineAsync(timeout.Token) is { } line)
            {
                connection.Record(line);
                string verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await Send(OfferCramMd5 ? "250-recording.test\r\n250-8BITMIME\r\n250 AUTH CRAM-MD5" : "250-recording.test\r\n250 8BITMIME");
                        break;
                    case "AUTH":
                        await Send("334 " + Convert.ToBase64String("<1.2@recording.test>"u8));
                        string response = Encoding.UTF8.GetString(Convert.FromBase64String(await reader.ReadLineAsync(timeout.Token) ?? string.Empty));
                        connection.Record("LOGIN " + response.Split(' ')[0]);
                        await Send("235 2.7.0 ok");
                        break;
                    case "MAIL":
                        if (inTransaction)
                        {
                            Violation($"MAIL inside a transaction: {line}");
                        }

                        if (++mails == 2 && CloseAtSecondMail)
                        {
                            await Send("421 4.4.2 closing");
                            return;
                        }

                        if (RefusedSenders.Any(s => line.Contains($"<{s}>", StringComparison.OrdinalIgnoreCase)))
                        {
                            await Send("550 5.7.1 not from you");
                            break;
                        }

                        inTransaction = true;
                        await Send("250 2.1.0 ok");
                        break;
                    case "RCPT":
                        if (!inTransaction)
                        {
                            Violation($"RCPT without MAIL: {line}");
                        }

                        await Send("250 2.1.5 ok");
                        break;
                    case "DATA":
                        await Send("354 go ahead");
                        while (await reader.ReadLineAsync(timeout.Token) is { } data && data != ".")
                        {
                        }

                        if (HoldFinalReply is { } hold)
                        {
                            await hold.WaitAsync(timeout.Token);
                        }

                        inTransaction = false;
                        await Send("250 2.0.0 queued");
                        break;
                    case "RSET":
                        inTransaction = false;
                        await Send(RsetReply);
                        if (!RsetReply.StartsWith("250", StringComparison.Ordinal))
                        {
                            return;
                        }

                        break;
                    case "QUIT":
                        await Send("221 2.0.0 bye");
                        return;
                    default:
                        await Send("250 ok");
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // the client went away, the test dropped the connection, or the test ended
        }
    }

    private void Violation(string what)
    {
        lock (_violations)
        {
            _violations.Add(what);
        }
    }

    private sealed class Connection(TcpClient client)
    {
        public TcpClient Client { get; } = client;

        /// <summary>Kept apart: <see cref="TcpClient.Client"/> is null once the client is disposed.</summary>
        public Socket Socket { get; } = client.Client;

        private readonly List<string> _commands = [];

        public void Record(string line)
        {
            lock (_commands)
            {
                _commands.Add(line);
            }
        }

        public IReadOnlyList<string> Snapshot()
        {
            lock (_commands)
            {
                return _commands.ToList();
            }
        }
    }
}
