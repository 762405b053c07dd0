namespace Relaybox.Hardware.Gpio;

/// <summary>GPIO_V2_LINE_FLAG_* of linux/gpio.h: a line's state in line info, the wanted configuration in a request.</summary>
[Flags]
public enum GpioLineFlags : ulong
{
    None = 0,
    Used = 0x1,
    ActiveLow = 0x2,
    Input = 0x4,
    Output = 0x8,
    EdgeRising = 0x10,
    EdgeFalling = 0x20,
    OpenDrain = 0x40,
    OpenSource = 0x80,
    BiasPullUp = 0x100,
    BiasPullDown = 0x200,
    BiasDisabled = 0x400,
    EventClockRealtime = 0x800,
    EventClockHte = 0x1000,
}
