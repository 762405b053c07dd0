namespace Relaybox.Appliance.Control;

/// <summary>The requests the control socket understands (see README.md for the protocol).</summary>
public enum ControlVerb
{
    /// <summary>Make every deferred message due now.</summary>
    Flush,

    Hold,
    Release,
    Delete,

    /// <summary>What the daemon is doing: queue, alerts.</summary>
    Status,
}
