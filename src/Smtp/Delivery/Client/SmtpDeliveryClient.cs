using Relaybox.Smtp.Queue;

namespace Relaybox.Smtp.Delivery.Client;

/// <summary>
/// Delivers one queued message to one upstream (smarthost or MX host) over a fresh connection and reports
/// each recipient's outcome. It never throws for anything the network or the upstream does; only
/// cancellation by the caller escapes as <see cref="OperationCanceledException"/>.
/// </summary>
public sealed class SmtpDeliveryClient(TimeProvider time)
{
    public SmtpDeliveryClient()
        : this(TimeProvider.System)
    {
    }

    /// <summary>Source of SCRAM client nonces; tests pin it. Null: random.</summary>
    public Func<string>? NonceSource { get; init; }

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

    private async Task<DeliveryResult> AttemptAsync(SmtpUpstream upstream, OutboundMessage message, CancellationToken cancellationToken)
    {
        SmtpClientSession? session = null;
        try
        {
            session = await SmtpClientSession.OpenAsync(upstream, time, NonceSource, cancellationToken).ConfigureAwait(false);
            var transaction = new SmtpTransaction(session.Connection, session.Capabilities, upstream.Timeouts);
            IReadOnlyList<RecipientResult> results = await transaction.RunAsync(message, cancellationToken).ConfigureAwait(false);
            await session.QuitAsync(cancellationToken).ConfigureAwait(false);
            return new DeliveryResult(results, DeliveryFailure.None) { Auth = session.Auth, Encrypted = session.Encrypted };
        }
        catch (DeliveryAbortedException e)
        {
            if (session is not null)
            {
                // The connection is still in step: leave politely (RFC 5321 section 4.1.1.10).
                await session.QuitAsync(cancellationToken).ConfigureAwait(false);
            }

            return Everyone(message.Envelope, e.Permanent ? RecipientOutcome.Failed : RecipientOutcome.Deferred, e.Failure, e.Message, e.Reply) with
            {
                TlsFailure = e.TlsFailure,
                Auth = e.Auth != AuthOutcome.NotAttempted ? e.Auth : session?.Auth ?? AuthOutcome.NotAttempted,
                Encrypted = session?.Encrypted ?? false,
                ConnectError = e.ConnectError,
            };
        }
        catch (TimeoutException e)
        {
            return Everyone(message.Envelope, RecipientOutcome.Deferred, DeliveryFailure.Timeout, e.Message, null);
        }
        catch (UpstreamProtocolException e)
        {
            return Everyone(message.Envelope, RecipientOutcome.Deferred, DeliveryFailure.ProtocolViolation, e.Message, null);
        }
        catch (IOException e)
        {
            return Everyone(message.Envelope, RecipientOutcome.Deferred, DeliveryFailure.ConnectionLost, e.Message, null);
        }
        finally
        {
            if (session is not null)
            {
                await session.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static DeliveryResult Everyone(Envelope envelope, RecipientOutcome outcome, DeliveryFailure failure, string detail, UpstreamReply? reply) =>
        new(envelope.Recipients.Select(r => new RecipientResult(r, outcome, reply, detail)).ToList(), failure) { Detail = detail, Reply = reply };
}
