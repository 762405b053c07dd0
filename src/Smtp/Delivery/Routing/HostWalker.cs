using System.Net;
using Relaybox.Smtp.Delivery.Client;

namespace Relaybox.Smtp.Delivery.Routing;

/// <summary>
/// Tries a message on a list of targets in order (MX preference, each address) until one judges the recipients,
/// as Postfix's smtp client does: a failed connection, a refused greeting, a TLS failure or a session that broke
/// before the recipients were answered moves on to the next target (RFC 5321 section 5.1: "the SMTP client
/// SHOULD try at least two addresses"). It stops at once when going on could deliver twice or is pointless.
/// </summary>
internal sealed class HostWalker(SmtpDeliveryClient client, RoutingOptions options)
{
    public async Task<WalkOutcome> WalkAsync(IReadOnlyList<MailTarget> targets, SmtpUpstream template, OutboundMessage message, CancellationToken cancellationToken)
    {
        Stream content = message.Content;
        long start = content.CanSeek ? content.Position : -1;
        var attempts = new List<TargetAttempt>();
        int brokenSessions = 0;
        foreach (MailTarget target in targets.Take(Math.Max(1, options.MaxAddresses)))
        {
            if (start >= 0)
            {
                content.Position = start;
            }

            SmtpUpstream upstream = template with { Host = ConnectName(target), Address = target.Address };
            DeliveryResult result = await client.DeliverAsync(upstream, message, cancellationToken).ConfigureAwait(false);
            var attempt = new TargetAttempt(target, result);
            attempts.Add(attempt);
            if (attempt.Judged || !MayTryAnother(result, content, start))
            {
                break;
            }

            if (attempt.Reached && ++brokenSessions >= Math.Max(1, options.MaxSessions))
            {
                break;
            }
        }

        return new WalkOutcome(attempts);
    }

    /// <summary>
    /// False when another target must not be tried: the login was refused (the same login elsewhere only risks a
    /// lockout), or content was already sent when the session broke, so the upstream may have taken the message
    /// (RFC 5321 section 4.1.1.4: no reply to the final dot is no proof of failure; one delivery per call).
    /// </summary>
    private static bool MayTryAnother(DeliveryResult result, Stream content, long start)
    {
        if (result.Auth is AuthOutcome.Refused or AuthOutcome.ServerNotVerified)
        {
            return false;
        }

        if (result.Failure is DeliveryFailure.Timeout or DeliveryFailure.ConnectionLost or DeliveryFailure.ProtocolViolation)
        {
            // A seekable content stream tells whether DATA began; an unseekable one cannot be sent again anyway.
            return start >= 0 && content.Position == start;
        }

        return true;
    }

    /// <summary>The name for the client: an address literal "[192.0.2.1]" loses its brackets (no SNI with brackets).</summary>
    private static string ConnectName(MailTarget target) =>
        target.Name.StartsWith('[') && target.Address is IPAddress address ? address.ToString() : target.Name;
}
