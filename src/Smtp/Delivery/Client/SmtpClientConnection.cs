using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Relaybox.Smtp.Delivery.Client;

/// <summary>
/// One TCP connection to an upstream: commands out, replies in, each bounded by its own timeout on the
/// injected clock, and the switch to TLS. A timeout surfaces as <see cref="TimeoutException"/>.
/// </summary>
internal sealed class SmtpClientConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly TimeProvider _time;
    private readonly ReplyReader _reader;
    private Stream _stream;

    private SmtpClientConnection(Socket socket, TimeProvider time)
    {
        _socket = socket;
        _time = time;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = new ReplyReader(_stream);
    }

    public bool Encrypted => _stream is SslStream;

    /// <summary>Connects to <paramref name="address"/> when given, otherwise to <paramref name="host"/> by name.</summary>
    public static async Task<SmtpClientConnection> ConnectAsync(string host, IPAddress? address, int port, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await WithTimeout(timeout, time, cancellationToken, token => address is null
                ? socket.ConnectAsync(host, port, token)
                : socket.ConnectAsync(new IPEndPoint(address, port), token)).ConfigureAwait(false);
            return new SmtpClientConnection(socket, time);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public ValueTask<UpstreamReply> ReadReplyAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        WithTimeout(timeout, _time, cancellationToken, token => _reader.ReadAsync(token));

    /// <summary>Writes command lines (each without CRLF) in one flush: one line, or a PIPELINING group (RFC 2920 section 3.1).</summary>
    public async ValueTask SendAsync(IReadOnlyList<string> commands, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        foreach (string command in commands)
        {
            text.Append(command).Append("\r\n");
        }

        byte[] bytes = Encoding.UTF8.GetBytes(text.ToString());
        await WriteAsync(bytes, timeout, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask SendAsync(string command, TimeSpan timeout, CancellationToken cancellationToken) =>
        SendAsync([command], timeout, cancellationToken);

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await WithTimeout(timeout, _time, cancellationToken, async ValueTask (token) =>
        {
            await _stream.WriteAsync(bytes, token).ConfigureAwait(false);
            await _stream.FlushAsync(token).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs the TLS handshake over the connection (after 220 to STARTTLS, or at once in wrapper mode).
    /// Anything still buffered from the plain-text phase is refused (RFC 3207 section 6).
    /// </summary>
    public async Task<TlsFailureReason> StartTlsAsync(TlsPolicy policy, string host, X509Certificate2Collection? anchors, TimeSpan timeout,
        CancellationToken cancellationToken, SessionProgress? progress = null)
    {
        var check = new CertificateCheck(policy, anchors);
        var tls = new SslStream(_stream, leaveInnerStreamOpen: false, (_, certificate, chain, errors) => check.Validate(certificate, chain, errors));
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = policy.Level == TlsSecurityLevel.Secure && policy.ExpectedName is { } name ? name : host,
            // RFC 8314 section 4.1 and RFC 8996: TLS 1.2 at least.
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        };
        try
        {
            await WithTimeout(timeout, _time, cancellationToken, token => new ValueTask(tls.AuthenticateAsClientAsync(options, token))).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            return check.Failure;
        }
        finally
        {
            // Also after a refusal or a timeout: the certificate is what the owner needs to see then.
            progress?.PeerCertificate = check.PeerCertificate;
        }

        progress?.TlsProtocol = tls.SslProtocol;
        _reader.Rebind(tls);
        _stream = tls;
        return TlsFailureReason.None;
    }

    public bool HasUnreadData => _reader.HasBufferedData;

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync().ConfigureAwait(false);
        _socket.Dispose();
    }

    private static async ValueTask WithTimeout(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken, Func<CancellationToken, ValueTask> operation)
    {
        using var timer = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            await operation(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no progress within {timeout}");
        }
    }

    private static async ValueTask<T> WithTimeout<T>(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken, Func<CancellationToken, ValueTask<T>> operation)
    {
        using var timer = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            return await operation(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no progress within {timeout}");
        }
    }
}
