using Relaybox.Smtp.Delivery.Alerts;

namespace Relaybox.Appliance.Setup;

/// <summary>
/// Computes <see cref="BoxStatus"/> from what the daemon tells it: start-up done, the configuration's
/// <see cref="SetupFacts"/> (at start and each reload), the raised owner alerts (on each OwnerAlerts.Changed),
/// and a factory reset in progress. Thread-safe; <see cref="Changed"/> fires only when the status differs,
/// outside the lock, with the new status (handlers may also read <see cref="Current"/>, always the latest).
/// </summary>
public sealed class BoxStatusSource
{
    private readonly Lock gate = new();
    private bool started;
    private bool resetting;
    private SetupFacts? facts;
    private BoxFault fault;
    private BoxStatus current = BoxStatus.Initial;

    public BoxStatus Current
    {
        get
        {
            lock (gate)
            {
                return current;
            }
        }
    }

    public event Action<BoxStatus>? Changed;

    /// <summary>The listeners are open: from now on the phase is Serving or SetupNeeded.</summary>
    public void MarkStarted() => Update(() => started = true);

    /// <summary>The configuration now in force (at start and after each reload or user change).</summary>
    public void ObserveSetup(SetupFacts setup) => Update(() => facts = setup);

    /// <summary>The raised owner alerts (IOwnerAlerts.Active).</summary>
    public void ObserveAlerts(IReadOnlyList<Alert> active) => Update(() => fault = MostSerious(active));

    /// <summary>A factory reset begins (true) or is over (false).</summary>
    public void ObserveReset(bool inProgress) => Update(() => resetting = inProgress);

    /// <summary>The fault shown for a set of raised alerts: the most serious (see <see cref="BoxFault"/>).</summary>
    public static BoxFault MostSerious(IReadOnlyList<Alert> active)
    {
        var worst = BoxFault.None;
        foreach (var alert in active)
        {
            var candidate = alert.Kind switch
            {
                AlertKind.SmarthostLoginRefused => BoxFault.SmarthostLoginRefused,
                AlertKind.SmarthostCertificateRejected => BoxFault.SmarthostCertificateRejected,
                AlertKind.OutboundPortBlocked => BoxFault.OutboundPortBlocked,
                AlertKind.SmarthostUnreachable => BoxFault.SmarthostUnreachable,
                AlertKind.QueueStuck => BoxFault.QueueStuck,
                _ => BoxFault.None,
            };
            if (candidate != BoxFault.None && (worst == BoxFault.None || candidate < worst))
            {
                worst = candidate;
            }
        }

        return worst;
    }

    private void Update(Action change)
    {
        BoxStatus next;
        lock (gate)
        {
            change();
            var phase = resetting ? BoxPhase.Resetting
                : !started ? BoxPhase.Starting
                : facts is { SetupNeeded: true } ? BoxPhase.SetupNeeded
                : BoxPhase.Serving;
            next = new BoxStatus(phase, fault);
            if (next == current)
            {
                return;
            }

            current = next;
        }

        Changed?.Invoke(next);
    }
}
