namespace Relaybox.Hardware.Gpio;

/// <summary>What the kernel says about a chip: its name ("gpiochip0"), label ("pinctrl-bcm2711") and line count.</summary>
public sealed record GpioChipInfo(string Path, string Name, string Label, int LineCount);
