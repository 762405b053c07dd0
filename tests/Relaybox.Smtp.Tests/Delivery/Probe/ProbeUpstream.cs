using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Relaybox.Smtp.Tests.Delivery.Probe;

/// <summary>
/// A one-connection smarthost on 127.0.0.1 whose side a test writes, able to switch to TLS with a given
/// certificate (STARTTLS or implicit), for the failures the connection test must tell apart.
/// </summary>
internal sealed class ProbeUpstream : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<string> _received = [];
    private Task _dialogue = Task.CompletedTask;

    public ProbeUpstream() => _listener.Start();

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Every line the client sent, in order, without CRLF.</summary>
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

    /// <summary>Waits (bounded) for the script to end and surfaces its failures.</summary>
    public Task Completion => _dialogue.WaitAsync(TimeSpan.FromSeconds(10));

    public void Run(Func<Dialogue, Task> script)
    {
        _dialogue = Task.Run(async () =>
        {
            using TcpClient client = await _listener.AcceptTcpClientAsync();
            await using NetworkStream stream = client.GetStream();
            await script(new Dialogue(stream, this));
        });
    }

    /// <summary>The plainest smarthost: greeting, EHLO with <paramref name="keywords"/>, then QUIT.</summary>
    public void GreetAndQuit(params string[] keywords) => Run(async dialogue =>
    {
        await dialogue.GreetAsync(keywords);
        await dialogue.QuitAsync();
    });

    public void Dispose() => _listener.Stop();

    internal sealed class Dialogue(Stream stream, ProbeUpstream owner)
    {
        private Stream _stream = stream;

        /// <summary>Reads one line byte by byte, so nothing after it is taken from the stream (STARTTLS).</summary>
        public async Task<string> ReadLineAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var line = new List<byte>();
            var one = new byte[1];
            while (await _stream.ReadAsync(one, timeout.Token) == 1 && one[0] != '\n' && line.Count < 4096)
            {
                line.Add(one[0]);
            }

            string text = Encoding.UTF8.GetString(line.ToArray()).TrimEnd('\r');
            lock (owner._received)
            {
                owner._received.Add(text);
            }

            return text;
        }

        public async Task<string> ExpectAsync(string prefix)
        {
            string line = await ReadLineAsync();
            return line.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? line : throw new InvalidOperationException($"expected {prefix}, got {line}");
        }

        public async Task SendAsync(string text)
        {
            await _stream.WriteAsync(Encoding.UTF8.GetBytes(text.Replace("\n", "\r\n", StringComparison.Ordinal)));
            await _stream.FlushAsync();
        }

        /// <summary>The server side of the TLS handshake; false when the client gave up (it refused the certificate).</summary>
        public async Task<bool> UpgradeAsync(X509Certificate2 certificate)
        {
            var tls = new SslStream(_stream, leaveInnerStreamOpen: true);
            try
            {
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate })
                    .WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception e) when (e is System.Security.Authentication.AuthenticationException or IOException)
            {
                return false;
            }

            _stream = tls;
            return true;
        }

        /// <summary>Greeting and EHLO with the given keywords (one per line after the first).</summary>
        public async Task GreetAsync(params string[] keywords)
        {
            await SendAsync("220 smtp.provider.test ESMTP\n");
            await EhloAsync(keywords);
        }

        public async Task EhloAsync(params string[] keywords)
        {
            await ExpectAsync("EHLO");
            var reply = new StringBuilder();
            string[] lines = ["smtp.provider.test", .. keywords];
            for (int i = 0; i < lines.Length; i++)
            {
                reply.Append(i == lines.Length - 1 ? "250 " : "250-").Append(lines[i]).Append('\n');
            }

            await SendAsync(reply.ToString());
        }

        public Task QuitAsync() => ExpectAsync("QUIT").ContinueWith(_ => SendAsync("221 bye\n")).Unwrap();
    }
}
