using Relaybox.Hardware.Gpio;

namespace Relaybox.Hardware.Tests.Gpio;

public sealed class GpioChipPathsTests
{
    [Fact]
    public void ChipsAreListedInNumericOrderAndOtherDevicesIgnored()
    {
        string[] listing = ["gpiochip10", "null", "gpiochip2", "gpiochip0", "gpiochipX", "gpiochip", "gpiomem", "gpiochip1a"];

        IReadOnlyList<string> chips = GpioChipPaths.Select("/dev", listing);

        Assert.Equal(["/dev/gpiochip0", "/dev/gpiochip2", "/dev/gpiochip10"], chips);
    }

    [Fact]
    public void ListingAFakeDeviceDirectoryFindsOnlyItsChips()
    {
        string directory = Directory.CreateTempSubdirectory("gpio-dev-").FullName;
        try
        {
            foreach (string name in new[] { "gpiochip3", "gpiochip1", "ttyS0" })
            {
                File.WriteAllText(Path.Combine(directory, name), "");
            }

            Assert.Equal([Path.Combine(directory, "gpiochip1"), Path.Combine(directory, "gpiochip3")], GpioChipPaths.List(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void AMissingDeviceDirectoryHasNoChips() =>
        Assert.Empty(GpioChipPaths.List("/nonexistent-relaybox-dev"));
}
