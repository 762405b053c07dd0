using Relaybox.Smtp.Delivery.Alerts;
using Relaybox.Smtp.Delivery.Client;
using Relaybox.Smtp.Delivery.Rewriting;
using Relaybox.Smtp.Delivery.Routing;

namespace Relaybox.Smtp.Delivery.Manager;

/// <summary>
/// Everything delivery takes from the configuration, swapped as one piece on reload (SIGHUP): attempts that
/// started with the old setup finish with it, the next ones use the new.
/// </summary>
/// <param name="Alerts">Where route problems and a stuck queue are reported; null = nowhere (tests of the manager alone).</param>
/// <param name="Client">
/// The outbound client behind <paramref name="Route"/>, whose kept connections the manager closes (with QUIT) when
/// this setup is replaced or the manager stops; null when the route owns nothing to close.
/// </param>
public sealed record DeliverySetup(IDeliveryRoute Route, MessageRewriter Rewriter, BounceSender Bounces, QueueManagerOptions Options,
    IOwnerAlerts? Alerts = null, SmtpDeliveryClient? Client = null);
