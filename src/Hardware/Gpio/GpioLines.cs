namespace Relaybox.Hardware.Gpio;

/// <summary>
/// Requests a line at a located position in one call: opens the chip, requests the line, closes the chip again
/// (the request keeps its own descriptor). For the daemon, which gets locations from <see cref="GpioLineLocator"/>.
/// </summary>
public static class GpioLines
{
    public static GpioOutputLine OpenOutput(GpioLineLocation location, bool activeLow, bool initiallyActive = false)
    {
        using GpioChip chip = GpioChip.Open(location.ChipPath);
        return chip.RequestOutput(location.Offset, activeLow, initiallyActive);
    }

    public static GpioInputLine OpenInput(GpioLineLocation location, bool activeLow, LineBias bias, TimeSpan debounce)
    {
        using GpioChip chip = GpioChip.Open(location.ChipPath);
        return chip.RequestInput(location.Offset, activeLow, bias, debounce);
    }
}
