using Relaybox.Smtp.Delivery.Routing;

namespace Relaybox.Smtp.Delivery.Alerts;

/// <summary>
/// What the queue manager tells about delivery so the owner hears of problems once: in the log, as a state the
/// LEDs and the console show, and by one mail to the admin address.
/// </summary>
public interface IOwnerAlerts
{
    /// <summary>
    /// The route condition of each finished attempt. A problem raises its alert (the first time only);
    /// <see cref="RouteCondition.Healthy"/> clears the route alerts; <see cref="RouteCondition.Unknown"/> changes nothing.
    /// </summary>
    void ObserveRoute(RouteCondition condition, string detail);

    /// <summary>The arrival time of the oldest message still waiting for delivery (null: none): raises or clears "queue stuck".</summary>
    void ObserveOldestWaiting(DateTimeOffset? arrivalTime);

    /// <summary>As <see cref="ObserveOldestWaiting"/>, with how many messages wait (null: unknown), for the alert's reason.</summary>
    void ObserveQueue(DateTimeOffset? oldestArrival, int? waiting);

    /// <summary>The alerts raised and not cleared, oldest first.</summary>
    IReadOnlyList<Alert> Active { get; }
}
