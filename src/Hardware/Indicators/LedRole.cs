namespace Relaybox.Hardware.Indicators;

/// <summary>The three LEDs of the box (DESIGN "LEDs and button").</summary>
public enum LedRole
{
    Status,
    Activity,
    Error,
}
