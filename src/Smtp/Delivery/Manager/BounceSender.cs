using Relaybox.Smtp.Delivery.Bounces;
using Relaybox.Smtp.Protocol;
using Relaybox.Smtp.Queue;
using Serilog;

namespace Relaybox.Smtp.Delivery.Manager;

/// <summary>
/// Queues delivery status notifications: decides who gets one (<see cref="BounceRecipientPolicy"/>), builds it
/// (<see cref="DsnBuilder"/>) and commits it to the queue like any accepted message, from the null sender
/// (RFC 5321 section 4.5.5), so it is delivered, retried and never bounced itself.
/// </summary>
public sealed class BounceSender(BounceRecipientPolicy policy, DsnBuilder builder, IMessageSpool spool, string hostName, ILogger log, TimeProvider time)
{
    /// <summary>
    /// Queues one notice about <paramref name="recipients"/> of <paramref name="message"/>, or logs why none is
    /// sent. Returns when the notice is on stable storage; throws <see cref="IOException"/> when it cannot be.
    /// </summary>
    public async Task SendAsync(QueuedMessage message, DsnReportKind kind, IReadOnlyList<DsnRecipientStatus> recipients, CancellationToken cancellationToken)
    {
        var decision = policy.Decide(message.Envelope, kind, recipients);
        if (!decision.ShouldSend)
        {
            log.Information("{QueueId}: no {Kind} notice sent ({Reason})", message.Id, Describe(kind), decision.SkipReason);
            return;
        }

        var dsn = builder.Build(DsnRequest.For(message, kind, decision.Reported), decision.Recipient!);
        var envelope = new Envelope(
            ReversePath: dsn.ReversePath,
            Recipients: [new EnvelopeRecipient(dsn.Recipient, DsnNotify.Default, null)],
            Body: dsn.Body,
            SmtpUtf8: dsn.RequiresSmtpUtf8,
            Return: DsnReturn.Unspecified,
            EnvelopeId: null,
            AuthenticatedLogin: null,
            ClientAddress: "127.0.0.1",
            HeloName: hostName,
            ReceivedAt: time.GetUtcNow());
        await using var incoming = spool.Create();
        await incoming.WriteAsync(dsn.Content, cancellationToken).ConfigureAwait(false);
        await incoming.CommitAsync(envelope, cancellationToken).ConfigureAwait(false);
        log.Information("{QueueId}: {Kind} notice {NoticeId} queued for {Recipient}{Redirected} about {Count} recipients",
            message.Id, Describe(kind), incoming.Id, dsn.Recipient, decision.RedirectedToAdmin ? " (the admin: the sender is a device address)" : "",
            decision.Reported.Count);
    }

    private static string Describe(DsnReportKind kind) => kind switch
    {
        DsnReportKind.Failure => "non-delivery",
        DsnReportKind.Delay => "delay",
        _ => "delivery",
    };
}
