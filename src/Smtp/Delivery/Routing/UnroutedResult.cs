using Relaybox.Smtp.Delivery.Client;

namespace Relaybox.Smtp.Delivery.Routing;

/// <summary>
/// The result for a delivery that reached no upstream because the route itself failed (DNS): the same outcome for
/// every recipient, no reply (so no Remote-MTA), and a detail that opens with the RFC 3463 status it stands for.
/// The session failure is <see cref="DeliveryFailure.ConnectFailed"/>: no connection was made.
/// </summary>
internal static class UnroutedResult
{
    public static DeliveryResult Everyone(OutboundMessage message, RecipientOutcome outcome, string detail) =>
        new(message.Envelope.Recipients.Select(r => new RecipientResult(r, outcome, null, detail)).ToList(), DeliveryFailure.ConnectFailed)
        {
            Detail = detail,
        };
}
