using Relaybox.Smtp.Queue;

namespace Relaybox.Smtp.Delivery.Client;

/// <summary>
/// Delivers one queued message to one upstream (smarthost or MX host) and reports each recipient's outcome. It never
/// throws for anything the network or the upstream does; only cancellation by the caller escapes as
/// <see cref="OperationCanceledException"/>. Safe to call concurrently.
/// A session whose transaction ended in step is kept for the next delivery to an equal <see cref="SmtpUpstream"/>
/// (see <see cref="SessionCacheOptions"/>) instead of ending with QUIT; <see cref="DisposeAsync"/> closes the kept ones.
/// </summary>
public sealed class SmtpDeliveryClient : IAsyncDisposable
{
    private readonly TimeProvider _time;
    private readonly SessionCache _cache;

    public SmtpDeliveryClient()
        : this(TimeProvider.System)
    {
    }

    public SmtpDeliveryClient(TimeProvider time)
        : this(time, SessionCacheOptions.Default)
    {
    }

    public SmtpDeliveryClient(TimeProvider time, SessionCacheOptions sessionCache)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(sessionCache);
        _time = time;
        _cache = new SessionCache(sessionCache, time);
    }

    /// <summary>Source of SCRAM client nonces; tests pin it. Null: random.</summary>
    public Func<string>? NonceSource { get; init; }

    /// <summary>Sessions kept open for reuse right now.</summary>
    public int IdleSessions => _cache.IdleCount;

    public async Task<DeliveryResult> DeliverAsync(SmtpUpstream upstream, OutboundMessage message, CancellationToken cancellationToken = default)
    {
        long contentStart = message.Content.CanSeek ? message.Content.Position : -1;
        DeliveryResult result = await AttemptAsync(upstream, message, cancellationToken).ConfigureAwait(false);
        if (result is { Failure: DeliveryFailure.Tls, TlsFailure: TlsFailureReason.HandshakeFailed } &&
            upstream.Tls is { Level: TlsSecurityLevel.May, WrapperMode: false })
        {
            // Opportunistic TLS (RFC 7435 section 3, Postfix "may"): a server whose TLS is broken still gets the
            // mail, in plain text on a new connection, rather than none at all. No other level ever falls back.
            if (contentStart >= 0)
            {
                message.Content.Position = contentStart;
            }

            result = await AttemptAsync(upstream with { Tls = upstream.Tls with { Level = TlsSecurityLevel.None } }, message, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>Ends every kept session with QUIT (RFC 5321 section 4.1.1.10); deliveries under way are not touched.</summary>
    public Task CloseIdleAsync() => _cache.CloseIdleAsync();

    /// <summary>
    /// Ends the kept sessions with QUIT and keeps none from now on. Deliveries still work afterwards, each on its own
    /// connection (a delivery that began before a reload may still finish on a disposed client).
    /// </summary>
    public ValueTask DisposeAsync() => _cache.DisposeAsync();

    private async Task<DeliveryResult> AttemptAsync(SmtpUpstream upstream, OutboundMessage message, CancellationToken cancellationToken)
    {
        if (await _cache.TakeAsync(upstream, cancellationToken).ConfigureAwait(false) is { } kept &&
            await TransactAsync(upstream, kept, message, reused: true, cancellationToken).ConfigureAwait(false) is { } result)
        {
            return result;
        }

        SmtpClientSession session;
        try
        {
            session = await SmtpClientSession.OpenAsync(upstream, _time, NonceSource, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsSessionFailure(e))
        {
            return Failed(e, null, message.Envelope);
        }

        return await TransactAsync(upstream, session, message, reused: false, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("a new session is never retried");
    }

    /// <summary>
    /// Runs one transaction on <paramref name="session"/> and hands the session on: to the cache when the dialogue is
    /// in step, otherwise ended. Null only when a reused session broke before any content went out: the server closed
    /// it in the meantime, and the message goes on a new connection as if no session had been kept.
    /// </summary>
    private async Task<DeliveryResult?> TransactAsync(SmtpUpstream upstream, SmtpClientSession session, OutboundMessage message, bool reused, CancellationToken cancellationToken)
    {
        var transaction = new SmtpTransaction(session.Connection, session.Capabilities, upstream.Timeouts);
        IReadOnlyList<RecipientResult> results;
        try
        {
            results = await transaction.RunAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (reused && !transaction.ContentStarted && ClosedWhileKept(e))
        {
            await session.DisposeAsync().ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (IsSessionFailure(e))
        {
            // After a refusal the connection is still in step: leave politely (RFC 5321 section 4.1.1.10). After a
            // timeout, a broken line or a garbled reply nothing more can be said on it. Never kept either way.
            await EndAsync(session, quit: e is DeliveryAbortedException, cancellationToken).ConfigureAwait(false);
            return Failed(e, session, message.Envelope);
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        session.CountTransaction();
        var result = new DeliveryResult(results, DeliveryFailure.None) { Auth = session.Auth, Encrypted = session.Encrypted };
        if (results.Any(r => r.Reply?.Code == 421))
        {
            // RFC 5321 section 3.8: 421 announces that the server closes the channel; it is no session to keep.
            await EndAsync(session, quit: true, CancellationToken.None).ConfigureAwait(false);
        }
        else
        {
            // The mail's fate is decided: a QUIT here (a session that may not be kept) is not the caller's to cancel.
            await _cache.ReturnAsync(upstream, session, CancellationToken.None).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>What a kept session that the server dropped or timed out while idle looks like on its next use.</summary>
    private static bool ClosedWhileKept(Exception e) =>
        e is IOException or UpstreamProtocolException || e is DeliveryAbortedException { Reply.Code: 421 };

    private static bool IsSessionFailure(Exception e) =>
        e is DeliveryAbortedException or TimeoutException or UpstreamProtocolException or IOException;

    private static async Task EndAsync(SmtpClientSession session, bool quit, CancellationToken cancellationToken)
    {
        try
        {
            if (quit)
            {
                await session.QuitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static DeliveryResult Failed(Exception e, SmtpClientSession? session, Envelope envelope)
    {
        DeliveryResult result = e switch
        {
            DeliveryAbortedException aborted => Everyone(envelope, aborted.Permanent ? RecipientOutcome.Failed : RecipientOutcome.Deferred, aborted.Failure, aborted.Message, aborted.Reply) with
            {
                TlsFailure = aborted.TlsFailure,
                Auth = aborted.Auth,
                ConnectError = aborted.ConnectError,
            },
            TimeoutException => Everyone(envelope, RecipientOutcome.Deferred, DeliveryFailure.Timeout, e.Message, null),
            UpstreamProtocolException => Everyone(envelope, RecipientOutcome.Deferred, DeliveryFailure.ProtocolViolation, e.Message, null),
            _ => Everyone(envelope, RecipientOutcome.Deferred, DeliveryFailure.ConnectionLost, e.Message, null),
        };
        return result with
        {
            Auth = result.Auth != AuthOutcome.NotAttempted ? result.Auth : session?.Auth ?? AuthOutcome.NotAttempted,
            Encrypted = session?.Encrypted ?? false,
        };
    }

    private static DeliveryResult Everyone(Envelope envelope, RecipientOutcome outcome, DeliveryFailure failure, string detail, UpstreamReply? reply) =>
        new(envelope.Recipients.Select(r => new RecipientResult(r, outcome, reply, detail)).ToList(), failure) { Detail = detail, Reply = reply };
}
