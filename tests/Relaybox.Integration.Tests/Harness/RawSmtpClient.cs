using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace Relaybox.Integration.Tests.Harness;

/// <summary>
/// A byte-exact SMTP client for the edge cases no polite client produces: smuggling payloads, pipelined
/// bursts, overlong lines, injected bytes after STARTTLS. Every read is bounded in time.
/// </summary>
public sealed class RawSmtpClient : IAsyncDisposable
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(15);

    private readonly TcpClient tcp;
    private Stream stream;
    private readonly List<byte> pending = [];

    private RawSmtpClient(TcpClient tcp, Stream stream)
    {
        this.tcp = tcp;
        this.stream = stream;
    }

    /// <param name="source">A loopback source address (127.0.0.x) to appear as another client.</param>
    public static async Task<RawSmtpClient> ConnectAsync(int port, bool implicitTls = false, string host = "127.0.0.1", string? source = null)
    {
        var tcp = new TcpClient(host.Contains(':') ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork);
        if (source is not null)
        {
            tcp.Client.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Parse(source), 0));
        }

        await tcp.ConnectAsync(host, port);
        Stream stream = tcp.GetStream();
        var client = new RawSmtpClient(tcp, stream);
        if (implicitTls)
        {
            await client.HandshakeAsync();
        }

        return client;
    }

    public string? TlsProtocol { get; private set; }

    /// <summary>This side's RFC 5929 tls-unique (TLS 1.2), unwrapped from .NET's SEC_CHANNEL_BINDINGS layout.</summary>
    public byte[] TlsUnique()
    {
        using var binding = ((SslStream)stream).TransportContext!.GetChannelBinding(
            System.Security.Authentication.ExtendedProtection.ChannelBindingKind.Unique)!;
        var raw = new byte[binding.Size];
        System.Runtime.InteropServices.Marshal.Copy(binding.DangerousGetHandle(), raw, 0, raw.Length);
        int length = BitConverter.ToInt32(raw, 24);
        int offset = BitConverter.ToInt32(raw, 28);
        return raw.AsSpan(offset + "tls-unique:".Length, length - "tls-unique:".Length).ToArray();
    }

    public Task SendAsync(string text) => SendBytesAsync(Encoding.UTF8.GetBytes(text));

    public async Task SendBytesAsync(byte[] bytes)
    {
        await stream.WriteAsync(bytes);
        await stream.FlushAsync();
    }

    /// <summary>Sends one command line (CRLF added) and returns the complete reply.</summary>
    public async Task<SmtpResponse> CommandAsync(string line)
    {
        await SendAsync(line + "\r\n");
        return await ReadReplyAsync();
    }

    public async Task<SmtpResponse> ReadReplyAsync()
    {
        var lines = new List<string>();
        while (true)
        {
            string line = await ReadLineAsync();
            lines.Add(line);
            if (line.Length < 4 || line[3] != '-')
            {
                return new SmtpResponse(lines);
            }
        }
    }

    /// <summary>True when the server closed the connection (reads 0 bytes) within the timeout.</summary>
    public async Task<bool> IsClosedByServerAsync()
    {
        try
        {
            var buffer = new byte[256];
            using var cancel = new CancellationTokenSource(ReadTimeout);
            while (true)
            {
                int read = await stream.ReadAsync(buffer, cancel.Token);
                if (read == 0)
                {
                    return true;
                }
            }
        }
        catch (IOException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async Task HandshakeAsync(System.Security.Authentication.SslProtocols protocols = System.Security.Authentication.SslProtocols.None)
    {
        var ssl = new SslStream(stream, leaveInnerStreamOpen: false, (_, _, _, _) => true);
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "relay.test",
            EnabledSslProtocols = protocols,
        });
        TlsProtocol = ssl.SslProtocol.ToString();
        stream = ssl;
        pending.Clear();
    }

    private async Task<string> ReadLineAsync()
    {
        using var cancel = new CancellationTokenSource(ReadTimeout);
        var buffer = new byte[4096];
        while (true)
        {
            int newline = pending.IndexOf((byte)'\n');
            if (newline >= 0)
            {
                string line = Encoding.UTF8.GetString(pending.GetRange(0, newline).ToArray()).TrimEnd('\r');
                pending.RemoveRange(0, newline + 1);
                return line;
            }

            int read = await stream.ReadAsync(buffer, cancel.Token);
            if (read == 0)
            {
                throw new EndOfStreamException("server closed the connection; buffered: " + Encoding.UTF8.GetString(pending.ToArray()));
            }

            pending.AddRange(buffer.AsSpan(0, read).ToArray());
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stream.DisposeAsync();
        tcp.Dispose();
    }
}
