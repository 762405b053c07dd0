namespace Relaybox.Hardware.Indicators;

/// <summary>What the button's state machine tells the daemon.</summary>
public enum ButtonEvent
{
    /// <summary>Pressed and let go within <see cref="ButtonTimings.ShortPressLimit"/>: show the status code.</summary>
    ShortPress,

    /// <summary>Held past <see cref="ButtonTimings.WarningAfter"/>: make every LED warn.</summary>
    WarningStarted,

    /// <summary>Held past <see cref="ButtonTimings.ResetAfter"/>: the reset happens when the button is let go.</summary>
    ResetArmed,

    /// <summary>Let go after the warning but before the reset was armed: nothing happens (worth a log line).</summary>
    WarningCancelled,

    /// <summary>Let go after <see cref="ButtonTimings.ResetAfter"/>: perform the factory reset.</summary>
    FactoryResetRequested,
}
