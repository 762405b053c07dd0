using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Relaybox.Smtp.Tests.Delivery.Client;

/// <summary>
/// A one-connection upstream on 127.0.0.1 whose side of the dialogue a test writes line by line, for
/// replies no real server gives on demand (bad signatures, injected data, odd codes).
/// </summary>
internal sealed class ScriptedUpstream : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<string> _received = [];
    private Task? _dialogue;

    public ScriptedUpstream() => _listener.Start();

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Every line the client sent, in order (without CRLF).</summary>
    public IReadOnlyList<string> Received
    {
        get
        {
            lock (_received)
            {
                return _received.ToList();
            }
        }
    }

    /// <summary>Accepts one connection per script, in turn, and runs each script on its connection.</summary>
    public void Run(params Func<Dialogue, Task>[] scripts)
    {
        _dialogue = Task.Run(async () =>
        {
            foreach (Func<Dialogue, Task> script in scripts)
            {
                using TcpClient client = await _listener.AcceptTcpClientAsync();
                await using NetworkStream stream = client.GetStream();
                await script(new Dialogue(stream, this));
            }
        });
    }

    /// <summary>Waits for the script to end and surfaces its failures.</summary>
    public Task Completion => _dialogue ?? Task.CompletedTask;

    public void Dispose() => _listener.Stop();

    internal sealed class Dialogue(NetworkStream stream, ScriptedUpstream owner)
    {
        private readonly StreamReader _reader = new(stream, new UTF8Encoding(false), false, 1, leaveOpen: true);

        public NetworkStream Stream => stream;

        public async Task<string> ReadLineAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            string line = await _reader.ReadLineAsync(timeout.Token) ?? throw new IOException("client closed");
            lock (owner._received)
            {
                owner._received.Add(line);
            }

            return line;
        }

        /// <summary>Reads lines until the one that starts with <paramref name="prefix"/>.</summary>
        public async Task<string> ExpectAsync(string prefix)
        {
            string line = await ReadLineAsync();
            return line.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? line : throw new InvalidOperationException($"expected {prefix}, got {line}");
        }

        public async Task SendAsync(string text) => await stream.WriteAsync(Encoding.UTF8.GetBytes(text.Replace("\n", "\r\n", StringComparison.Ordinal)));

        /// <summary>Reads DATA content up to the lone "." and returns it as sent (still dot-stuffed).</summary>
        public async Task<string> ReadDataAsync()
        {
            var content = new StringBuilder();
            string line;
            while ((line = await ReadLineAsync()) != ".")
            {
                content.Append(line).Append("\r\n");
            }

            return content.ToString();
        }

        public Task QuitAsync() => ExpectAsync("QUIT").ContinueWith(_ => SendAsync("221 bye\n")).Unwrap();
    }
}
