namespace Relaybox.Hardware.Gpio;

/// <summary>Where a configured line is: the chip to open and the line's offset on it.</summary>
public readonly record struct GpioLineLocation(string ChipPath, int Offset);
