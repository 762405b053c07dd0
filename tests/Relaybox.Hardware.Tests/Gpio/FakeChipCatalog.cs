using Relaybox.Hardware.Gpio;

namespace Relaybox.Hardware.Tests.Gpio;

/// <summary>A fixed set of chips, and how many times the locator asked for them.</summary>
internal sealed class FakeChipCatalog(params GpioChipDescription[] chips) : IGpioChipCatalog
{
    public int Reads { get; private set; }

    public IReadOnlyList<GpioChipDescription> Chips()
    {
        Reads++;
        return chips;
    }

    /// <summary>A Raspberry-Pi-like SoC chip: lines named GPIO0..GPIO{count-1}.</summary>
    public static GpioChipDescription PiLike(string path, string label, int count) =>
        new(path, label, Enumerable.Range(0, count).Select(i => $"GPIO{i}").ToArray());
}
