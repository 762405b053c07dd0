using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using Relaybox.Smtp.Protocol;

namespace Relaybox.Smtp.Server;

/// <summary>
/// The byte transport of one session: a pipe reader and writer over the connection's stream, a timer that
/// bounds every read, and the TLS upgrade. The session never touches the stream itself.
/// </summary>
internal sealed class SmtpConnection : IAsyncDisposable
{
    private readonly Stream _transport;
    private readonly ITimer _readTimer;
    private readonly ITimer _writeTimer;
    private Stream _stream;
    private int _cancelReason;
    private int _waitingForCommand;
    private int _shutdownRequested;

    public SmtpConnection(Stream transport, IPAddress remoteAddress, TimeProvider time)
    {
        _transport = transport;
        _stream = transport;
        RemoteAddress = remoteAddress;
        Time = time;
        Input = PipeReader.Create(_stream, new StreamPipeReaderOptions(leaveOpen: true));
        Output = PipeWriter.Create(_stream, new StreamPipeWriterOptions(leaveOpen: true));
        _readTimer = time.CreateTimer(static state => ((SmtpConnection)state!).CancelRead(ReadCancelReason.Timeout), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _writeTimer = time.CreateTimer(static state => ((SmtpConnection)state!).Abort(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>How long a flush may wait for a client that does not read; past it the connection is dropped.</summary>
    public TimeSpan WriteTimeout { get; set; } = TimeSpan.FromMinutes(5);

    public IPAddress RemoteAddress { get; }

    public TimeProvider Time { get; }

    public PipeReader Input { get; private set; }

    public PipeWriter Output { get; private set; }

    public bool IsTls { get; private set; }

    public SslProtocols TlsProtocol { get; private set; }

    public TlsCipherSuite TlsCipherSuite { get; private set; }

    /// <summary>The certificate the TLS handshake used, for channel binding.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? TlsCertificate { get; private set; }

    /// <summary>RFC 5929 tls-unique data of a TLS 1.2 connection (for SCRAM -PLUS); empty otherwise.</summary>
    public ReadOnlyMemory<byte> TlsUnique { get; private set; }

    /// <summary>Set when the server stops: an idle session answers 421 and ends.</summary>
    public bool ShutdownRequested => Volatile.Read(ref _shutdownRequested) != 0;

    /// <summary>
    /// Reads with a timeout. On timeout or shutdown (shutdown only interrupts <paramref name="isCommandWait"/>
    /// reads: a message being received is allowed to finish) the result is cancelled and <paramref name="reason"/> says why.
    /// </summary>
    public async ValueTask<(ReadResult Result, ReadCancelReason Reason)> ReadAsync(TimeSpan timeout, bool isCommandWait)
    {
        Interlocked.Exchange(ref _cancelReason, (int)ReadCancelReason.None);

        // Full fences on both sides (here and in RequestShutdown): either this read sees the shutdown,
        // or RequestShutdown sees this read waiting and cancels it. Never neither.
        Interlocked.Exchange(ref _waitingForCommand, isCommandWait ? 1 : 0);
        if (isCommandWait && ShutdownRequested)
        {
            return (default, ReadCancelReason.Shutdown);
        }

        _readTimer.Change(timeout, Timeout.InfiniteTimeSpan);
        try
        {
            while (true)
            {
                var result = await Input.ReadAsync();
                if (!result.IsCanceled)
                {
                    return (result, ReadCancelReason.None);
                }

                var reason = (ReadCancelReason)Interlocked.Exchange(ref _cancelReason, (int)ReadCancelReason.None);
                if (reason == ReadCancelReason.Timeout)
                {
                    return (result, reason);
                }

                if (isCommandWait && ShutdownRequested)
                {
                    return (result, ReadCancelReason.Shutdown);
                }

                // A stale cancellation: a timer that fired just after the previous read completed, or a
                // shutdown notice meant for a command wait that reached a DATA read. Read again.
                Input.AdvanceTo(result.Buffer.Start);
            }
        }
        finally
        {
            _readTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            Interlocked.Exchange(ref _waitingForCommand, 0);
        }
    }

    public void Write(SmtpReply reply) => Output.Write(reply.Bytes.Span);

    public void Write(ReadOnlySpan<byte> bytes) => Output.Write(bytes);

    public async ValueTask FlushAsync()
    {
        FlushResult result;
        _writeTimer.Change(WriteTimeout, Timeout.InfiniteTimeSpan);
        try
        {
            result = await Output.FlushAsync();
        }
        finally
        {
            _writeTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        if (result.IsCompleted)
        {
            throw new IOException("The client closed the connection.");
        }
    }

    /// <summary>Interrupts an idle session's wait for its next command so it can say 421 4.3.2.</summary>
    public void RequestShutdown()
    {
        Interlocked.Exchange(ref _shutdownRequested, 1);
        if (Interlocked.CompareExchange(ref _waitingForCommand, 0, 0) != 0)
        {
            CancelRead(ReadCancelReason.Shutdown);
        }
    }

    /// <summary>Ends the connection at once: pending reads and writes fail.</summary>
    public void Abort() => _transport.Dispose();

    /// <summary>
    /// Starts TLS on the connection (RFC 3207 section 4, RFC 8314). Input already buffered is dropped with the
    /// old reader: bytes a client sent after STARTTLS but before the handshake are an injection attempt
    /// (CVE-2011-0411) and must reach neither TLS nor the new session.
    /// </summary>
    public async Task UpgradeToTlsAsync(SslServerAuthenticationOptions options, TimeSpan timeout)
    {
        await FlushAsync();
        await Input.CompleteAsync();
        await Output.CompleteAsync();
        var tls = new SslStream(_transport, leaveInnerStreamOpen: true);
        _stream = tls;
        using (var handshakeTimeout = new CancellationTokenSource(timeout, Time))
        {
            await tls.AuthenticateAsServerAsync(options, handshakeTimeout.Token);
        }

        IsTls = true;
        TlsProtocol = tls.SslProtocol;
        TlsCipherSuite = tls.NegotiatedCipherSuite;
        TlsCertificate = options.ServerCertificateContext?.TargetCertificate;
        TlsUnique = TlsProtocol == SslProtocols.Tls12 ? TlsUniqueBinding.Read(tls) : ReadOnlyMemory<byte>.Empty;
        Input = PipeReader.Create(tls, new StreamPipeReaderOptions(leaveOpen: true));
        Output = PipeWriter.Create(tls, new StreamPipeWriterOptions(leaveOpen: true));
    }

    public async ValueTask DisposeAsync()
    {
        _readTimer.Dispose();
        _writeTimer.Dispose();
        try
        {
            await Output.CompleteAsync();
            await Input.CompleteAsync();
            if (_stream is SslStream tls)
            {
                if (tls.IsAuthenticated)
                {
                    // close_notify before the TCP close: strict clients (OpenSSL 3) treat a bare close as truncation.
                    await tls.ShutdownAsync();
                }

                await tls.DisposeAsync();
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or AuthenticationException or InvalidOperationException)
        {
            // The peer is gone or the TLS session never started; nothing left to tell it.
        }
        finally
        {
            await _transport.DisposeAsync();
        }
    }

    private void CancelRead(ReadCancelReason reason)
    {
        Interlocked.CompareExchange(ref _cancelReason, (int)reason, (int)ReadCancelReason.None);
        Input.CancelPendingRead();
    }
}
