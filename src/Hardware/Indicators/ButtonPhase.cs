namespace Relaybox.Hardware.Indicators;

/// <summary>Where the button's state machine stands.</summary>
public enum ButtonPhase
{
    Released,

    /// <summary>Held, not yet long enough to warn.</summary>
    Pressed,

    /// <summary>Held past <see cref="ButtonTimings.WarningAfter"/>: the LEDs warn; letting go now cancels.</summary>
    Warning,

    /// <summary>Held past <see cref="ButtonTimings.ResetAfter"/>: letting go now resets the box.</summary>
    Armed,
}
