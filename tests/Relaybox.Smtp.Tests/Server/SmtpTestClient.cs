using System.Net.Security;
using System.Security.Authentication;
using System.Text;

namespace Relaybox.Smtp.Tests.Server;

/// <summary>A deliberately simple SMTP client for tests: raw sends, line reads with a timeout, client-side TLS.</summary>
internal sealed class SmtpTestClient : IAsyncDisposable
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);
    private readonly Stream _transport;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private Stream _stream;
    private int _start;
    private int _end;

    public SmtpTestClient(Stream transport)
    {
        _transport = transport;
        _stream = transport;
    }

    public SslStream? Tls => _stream as SslStream;

    public Task SendAsync(string raw) => SendAsync(Encoding.UTF8.GetBytes(raw));

    public async Task SendAsync(byte[] raw)
    {
        await _stream.WriteAsync(raw);
        await _stream.FlushAsync();
    }

    public Task SendLineAsync(string line) => SendAsync(line + "\r\n");

    /// <summary>One line without its CRLF, or null when the server closed the connection.</summary>
    public async Task<string?> ReadLineAsync()
    {
        using var timeout = new CancellationTokenSource(ReadTimeout);
        while (true)
        {
            int lf = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (lf >= 0)
            {
                string line = Encoding.UTF8.GetString(_buffer, _start, lf - _start).TrimEnd('\r');
                _start = lf + 1;
                return line;
            }

            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            int read;
            try
            {
                read = await _stream.ReadAsync(_buffer.AsMemory(_end), timeout.Token);
            }
            catch (IOException)
            {
                return null;
            }

            if (read == 0)
            {
                return null;
            }

            _end += read;
        }
    }

    /// <summary>All lines of one reply (RFC 5321 section 4.2.1: "code-" continues, "code " ends).</summary>
    public async Task<List<string>> ReadReplyAsync()
    {
        var lines = new List<string>();
        while (true)
        {
            var line = await ReadLineAsync() ?? throw new EndOfStreamException("Connection closed in the middle of a reply: " + string.Join(" | ", lines));
            lines.Add(line);
            if (line.Length < 4 || line[3] != '-')
            {
                return lines;
            }
        }
    }

    public async Task<string> CommandAsync(string line)
    {
        await SendLineAsync(line);
        var reply = await ReadReplyAsync();
        return string.Join("\n", reply);
    }

    public async Task StartTlsAsync(SslProtocols protocols = SslProtocols.None)
    {
        if (_end != _start)
        {
            throw new InvalidOperationException("Unread bytes before the TLS handshake.");
        }

        var tls = new SslStream(_transport, leaveInnerStreamOpen: true, static (_, _, _, _) => true);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "relay.test",
            EnabledSslProtocols = protocols,
        });
        _stream = tls;
    }

    public async ValueTask DisposeAsync()
    {
        if (_stream != _transport)
        {
            await _stream.DisposeAsync();
        }

        await _transport.DisposeAsync();
    }
}
