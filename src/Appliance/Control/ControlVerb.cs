namespace Relaybox.Appliance.Control;

/// <summary>The requests the control socket understands (see README.md for the protocol).</summary>
public enum ControlVerb
{
    /// <summary>Make every deferred message due now.</summary>
    Flush,

    Hold,
    Release,
    Delete,

    /// <summary>What the daemon is doing: queue, alerts, certificate, LEDs.</summary>
    Status,

    /// <summary>What SIGHUP does, answered once the reload is over.</summary>
    Reload,

    /// <summary>The last lines the daemon logged.</summary>
    Log,

    /// <summary>Queue a short test message to an address.</summary>
    TestMail,

    /// <summary>How many short button presses the daemon has seen.</summary>
    Button,
}
