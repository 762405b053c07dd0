namespace Relaybox.Hardware.Gpio.Interop;

/// <summary>Constants of linux/gpio.h (uAPI v2) that are not struct fields.</summary>
internal static class GpioUapi
{
    public const int MaxNameSize = 32;
    public const int LinesMax = 64;
    public const int NumAttrsMax = 10;

    public const uint AttributeFlags = 1;
    public const uint AttributeOutputValues = 2;
    public const uint AttributeDebounce = 3;

    public const uint EventRisingEdge = 1;
    public const uint EventFallingEdge = 2;
}
