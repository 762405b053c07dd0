using Relaybox.Smtp.Delivery.Client;

namespace Relaybox.Smtp.Delivery.Routing;

/// <summary>
/// What one delivery to one destination did: the per-recipient result, the host that gave it (for the state
/// file and a DSN's Remote-MTA; null when no host answered), and anything about the route itself the owner
/// must hear of (<see cref="RouteCondition"/>, with a one-line reason in <see cref="ConditionDetail"/>).
/// </summary>
public sealed record RouteAttempt(DeliveryResult Result, string? RemoteHost, RouteCondition Condition, string ConditionDetail = "");
