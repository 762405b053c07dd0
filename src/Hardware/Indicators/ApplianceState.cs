namespace Relaybox.Hardware.Indicators;

/// <summary>What the daemon is doing, as far as the LEDs are concerned.</summary>
public enum ApplianceState
{
    /// <summary>Loading configuration, opening the spool, binding listeners.</summary>
    Starting,

    /// <summary>Accepting and relaying mail.</summary>
    Serving,

    /// <summary>Running, but not configured yet (no smarthost or no user): the owner has to visit the console.</summary>
    SetupNeeded,

    /// <summary>A factory reset has been requested and is being carried out.</summary>
    ResetPending,
}
