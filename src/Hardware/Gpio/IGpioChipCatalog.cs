namespace Relaybox.Hardware.Gpio;

/// <summary>The chips present, in /dev/gpiochipN order. The system one opens the devices; tests hand in a fixed list.</summary>
public interface IGpioChipCatalog
{
    IReadOnlyList<GpioChipDescription> Chips();
}
