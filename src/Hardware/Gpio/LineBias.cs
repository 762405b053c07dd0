namespace Relaybox.Hardware.Gpio;

/// <summary>The internal resistor an input line asks for. <see cref="AsIs"/> leaves whatever the board set up.</summary>
public enum LineBias
{
    AsIs,
    PullUp,
    PullDown,
    Disabled,
}
