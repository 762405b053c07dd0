using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Relaybox.Smtp.Delivery.Client;

/// <summary>
/// An SMTP client session up to the point where mail can be sent: connect, greeting, EHLO (HELO fallback),
/// TLS as the policy demands, AUTH. Failures end the session with a <see cref="DeliveryAbortedException"/>.
/// </summary>
internal sealed class SmtpClientSession : IAsyncDisposable
{
    /// <summary>SASL exchanges here take at most four round trips (SCRAM); more is a looping server.</summary>
    private const int MaxAuthSteps = 8;

    private readonly SmtpClientConnection _connection;
    private readonly SmtpUpstream _upstream;
    private readonly SessionProgress? _progress;

    private SmtpClientSession(SmtpClientConnection connection, SmtpUpstream upstream, long openedAt, SessionProgress? progress)
    {
        _connection = connection;
        _upstream = upstream;
        OpenedAt = openedAt;
        _progress = progress;
    }

    public EhloCapabilities Capabilities { get; private set; } = EhloCapabilities.None;

    public bool Encrypted => _connection.Encrypted;

    public AuthOutcome Auth { get; private set; }

    public ClientTimeouts Timeouts => _upstream.Timeouts;

    internal SmtpClientConnection Connection => _connection;

    /// <summary>When the connection was made (a <see cref="TimeProvider.GetTimestamp"/>): a reused session has an age limit.</summary>
    public long OpenedAt { get; }

    /// <summary>Transactions this session has completed.</summary>
    public int Transactions { get; private set; }

    public void CountTransaction() => Transactions++;

    /// <summary>
    /// Connects and runs the session up to a state where MAIL may be sent. <paramref name="progress"/>, when given, is
    /// kept up to date step by step, so a caller can tell where a failure happened (the connection test).
    /// </summary>
    public static async Task<SmtpClientSession> OpenAsync(SmtpUpstream upstream, TimeProvider time, Func<string>? nonceSource, CancellationToken cancellationToken,
        SessionProgress? progress = null)
    {
        X509Certificate2Collection? anchors = null;
        if (upstream.Tls.CaFile is { } caFile && upstream.Tls.Level != TlsSecurityLevel.None)
        {
            anchors = CertificateCheck.LoadAnchors(caFile, out TlsFailureReason caFailure);
            if (anchors is null)
            {
                throw new DeliveryAbortedException(DeliveryFailure.Tls, $"CA file {caFile} holds no usable certificate") { TlsFailure = caFailure };
            }
        }

        SmtpClientConnection connection;
        try
        {
            connection = await SmtpClientConnection.ConnectAsync(upstream.Host, upstream.Address, upstream.Port, upstream.Timeouts.Connect, time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or TimeoutException)
        {
            string target = upstream.Address is { } address ? $"{upstream.Host} ({address})" : upstream.Host;
            throw new DeliveryAbortedException(DeliveryFailure.ConnectFailed, $"connect to {target}:{upstream.Port}: {e.Message}")
            {
                // A refusal proves the network reaches the host; silence (our timer or the kernel's) may be a firewall.
                ConnectError = e is SocketException socketError ? socketError.SocketErrorCode : SocketError.TimedOut,
            };
        }

        var session = new SmtpClientSession(connection, upstream, time.GetTimestamp(), progress);
        try
        {
            await session.HandshakeAsync(anchors, nonceSource, cancellationToken).ConfigureAwait(false);
            progress?.Step = SessionStep.Ready;
            return session;
        }
        catch (DeliveryAbortedException e) when (StillInStep(e))
        {
            // RFC 5321 section 3.1 (after a 554 greeting) and section 4.1.1.10: end with QUIT while the dialogue holds.
            await session.QuitAsync(cancellationToken).ConfigureAwait(false);
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>False after a failed TLS handshake: the stream is in no state to carry a QUIT.</summary>
    private static bool StillInStep(DeliveryAbortedException e) =>
        e.Failure != DeliveryFailure.Tls || e.TlsFailure is TlsFailureReason.StartTlsNotOffered or TlsFailureReason.StartTlsRefused;

    /// <summary>QUIT (RFC 5321 section 4.1.1.10); the reply is read but does not matter any more.</summary>
    public Task QuitAsync(CancellationToken cancellationToken) => QuitAsync(_upstream.Timeouts.Command, cancellationToken);

    /// <summary>QUIT with its own bound on each step (an idle session being closed).</summary>
    public async Task QuitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await _connection.SendAsync("QUIT", timeout, cancellationToken).ConfigureAwait(false);
            await _connection.ReadReplyAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or TimeoutException or UpstreamProtocolException)
        {
            // The mail's fate is already decided; a server that drops the line at QUIT changes nothing.
        }
    }

    /// <summary>
    /// RSET (RFC 5321 section 4.1.1.5) before a kept session carries another transaction: true only on 250. Anything
    /// else (a 421 the server sent while the session was idle, a closed or silent connection) means do not use it.
    /// </summary>
    public async Task<bool> ResetAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await _connection.SendAsync("RSET", timeout, cancellationToken).ConfigureAwait(false);
            UpstreamReply reply = await _connection.ReadReplyAsync(timeout, cancellationToken).ConfigureAwait(false);
            return reply.Code == 250;
        }
        catch (Exception e) when (e is IOException or TimeoutException or UpstreamProtocolException)
        {
            return false;
        }
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private async Task HandshakeAsync(X509Certificate2Collection? anchors, Func<string>? nonceSource, CancellationToken cancellationToken)
    {
        TlsPolicy tls = _upstream.Tls;
        ClientTimeouts timeouts = _upstream.Timeouts;
        if (tls.WrapperMode)
        {
            // RFC 8314 section 3.3: with implicit TLS the handshake comes before the greeting.
            _progress?.Step = SessionStep.Tls;
            await UpgradeAsync(anchors, cancellationToken).ConfigureAwait(false);
        }

        _progress?.Step = SessionStep.Greeting;
        UpstreamReply greeting = await _connection.ReadReplyAsync(timeouts.Greeting, cancellationToken).ConfigureAwait(false);
        _progress?.Greeting = greeting;
        if (greeting.Code != 220)
        {
            throw new DeliveryAbortedException(DeliveryFailure.GreetingRefused, $"greeting: {greeting}", greeting);
        }

        await HelloAsync(cancellationToken).ConfigureAwait(false);
        if (!Encrypted && tls.Level != TlsSecurityLevel.None)
        {
            if (Capabilities.StartTls)
            {
                _progress?.Step = SessionStep.Tls;
                await StartTlsAsync(anchors, cancellationToken).ConfigureAwait(false);
                if (Encrypted)
                {
                    // RFC 3207 section 4.2: forget what the server said before TLS and ask again.
                    await HelloAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            else if (tls.RequiresTls)
            {
                _progress?.Step = SessionStep.Tls;
                // Never fall back to plain text when TLS is required (RFC 3207 section 4.1, RFC 8314 section 5).
                throw new DeliveryAbortedException(DeliveryFailure.Tls, "TLS is required but the server does not offer STARTTLS")
                {
                    TlsFailure = TlsFailureReason.StartTlsNotOffered,
                };
            }
        }

        if (_upstream.Credentials is { } credentials)
        {
            _progress?.Step = SessionStep.Auth;
            await AuthenticateAsync(credentials, nonceSource, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>EHLO, and HELO when the server does not know EHLO (RFC 5321 section 3.2).</summary>
    private async Task HelloAsync(CancellationToken cancellationToken)
    {
        _progress?.Step = SessionStep.Hello;
        TimeSpan timeout = _upstream.Timeouts.Command;
        await _connection.SendAsync("EHLO " + _upstream.HeloName, timeout, cancellationToken).ConfigureAwait(false);
        UpstreamReply ehlo = await _connection.ReadReplyAsync(timeout, cancellationToken).ConfigureAwait(false);
        if (ehlo.Code == 250)
        {
            Capabilities = EhloCapabilities.Parse(ehlo);
            _progress?.Capabilities = Capabilities;
            return;
        }

        // Only a permanent "not recognised / not implemented" means an old server; a 4yz or 421 means go away.
        if (ehlo.IsPermanent)
        {
            await _connection.SendAsync("HELO " + _upstream.HeloName, timeout, cancellationToken).ConfigureAwait(false);
            UpstreamReply helo = await _connection.ReadReplyAsync(timeout, cancellationToken).ConfigureAwait(false);
            if (helo.Code == 250)
            {
                Capabilities = EhloCapabilities.None;
                _progress?.Capabilities = Capabilities;
                return;
            }

            ehlo = helo;
        }

        throw new DeliveryAbortedException(DeliveryFailure.HeloRefused, $"EHLO/HELO: {ehlo}", ehlo);
    }

    private async Task StartTlsAsync(X509Certificate2Collection? anchors, CancellationToken cancellationToken)
    {
        TimeSpan timeout = _upstream.Timeouts.Command;
        await _connection.SendAsync("STARTTLS", timeout, cancellationToken).ConfigureAwait(false);
        UpstreamReply reply = await _connection.ReadReplyAsync(timeout, cancellationToken).ConfigureAwait(false);
        if (reply.Code != 220)
        {
            if (!_upstream.Tls.RequiresTls)
            {
                return; // opportunistic TLS (RFC 7435): the session is still in plain text and may go on so
            }

            throw new DeliveryAbortedException(DeliveryFailure.Tls, $"STARTTLS: {reply}", reply) { TlsFailure = TlsFailureReason.StartTlsRefused };
        }

        await UpgradeAsync(anchors, cancellationToken).ConfigureAwait(false);
    }

    private async Task UpgradeAsync(X509Certificate2Collection? anchors, CancellationToken cancellationToken)
    {
        if (_connection.HasUnreadData)
        {
            // RFC 3207 section 6: plain text after the server's last reply may be an injection.
            throw new UpstreamProtocolException("data after the reply to STARTTLS");
        }

        TlsFailureReason failure = await _connection.StartTlsAsync(_upstream.Tls, _upstream.Host, anchors, _upstream.Timeouts.TlsHandshake, cancellationToken, _progress)
            .ConfigureAwait(false);
        if (failure != TlsFailureReason.None)
        {
            // Even at "may" a failed handshake leaves the connection unusable; the next attempt decides again.
            throw new DeliveryAbortedException(DeliveryFailure.Tls, $"TLS handshake with {_upstream.Host}: {failure}") { TlsFailure = failure };
        }
    }

    /// <summary>AUTH (RFC 4954 section 4) with the strongest mechanism both sides have.</summary>
    private async Task AuthenticateAsync(UpstreamCredentials credentials, Func<string>? nonceSource, CancellationToken cancellationToken)
    {
        SaslClientMechanism? mechanism = SaslClientChooser.Choose(Capabilities.AuthMechanisms, Encrypted, credentials, nonceSource);
        if (mechanism is null)
        {
            Auth = AuthOutcome.NoCommonMechanism;
            throw new DeliveryAbortedException(DeliveryFailure.Authentication, "no AUTH mechanism both sides allow on this connection")
            {
                Auth = AuthOutcome.NoCommonMechanism,
            };
        }

        _progress?.AuthMechanism = mechanism.Name;
        TimeSpan timeout = _upstream.Timeouts.Command;
        byte[]? initial = mechanism.InitialResponse();
        // RFC 4954 section 4: "=" stands for an empty initial response.
        string command = initial is null ? "AUTH " + mechanism.Name
            : "AUTH " + mechanism.Name + " " + (initial.Length == 0 ? "=" : Convert.ToBase64String(initial));
        await _connection.SendAsync(command, timeout, cancellationToken).ConfigureAwait(false);
        for (int step = 0; step < MaxAuthSteps; step++)
        {
            UpstreamReply reply = await _connection.ReadReplyAsync(timeout, cancellationToken).ConfigureAwait(false);
            if (reply.Code == 334)
            {
                byte[]? response = TryDecode(reply.Lines[0], out byte[] challenge) ? mechanism.Respond(challenge) : null;
                if (response is null)
                {
                    // RFC 4954 section 4: "*" cancels; the server answers 501.
                    await _connection.SendAsync("*", timeout, cancellationToken).ConfigureAwait(false);
                    await _connection.ReadReplyAsync(timeout, cancellationToken).ConfigureAwait(false);
                    throw AuthFailed(mechanism is ScramSha256Client ? AuthOutcome.ServerNotVerified : AuthOutcome.Refused, $"{mechanism.Name}: unacceptable challenge", reply);
                }

                await _connection.SendAsync(Convert.ToBase64String(response), timeout, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (reply.Code == 235)
            {
                if (!mechanism.ServerVerified)
                {
                    throw AuthFailed(AuthOutcome.ServerNotVerified, $"{mechanism.Name}: 235 without the server's proof", reply);
                }

                Auth = AuthOutcome.Accepted;
                return;
            }

            throw AuthFailed(reply.IsTransient ? AuthOutcome.Temporary : AuthOutcome.Refused, $"AUTH {mechanism.Name}: {reply}", reply);
        }

        throw new UpstreamProtocolException("AUTH exchange does not end");
    }

    private DeliveryAbortedException AuthFailed(AuthOutcome outcome, string detail, UpstreamReply reply)
    {
        Auth = outcome;
        return new DeliveryAbortedException(DeliveryFailure.Authentication, detail, reply) { Auth = outcome };
    }

    private static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = new byte[(text.Length * 3 / 4) + 3];
        bool ok = Convert.TryFromBase64String(text.Trim(), bytes, out int written);
        bytes = ok ? bytes[..written] : [];
        return ok;
    }
}
