using Relaybox.Hardware.Gpio;

namespace Relaybox.Hardware.Tests.Gpio;

/// <summary>Failures on a machine without GPIO: every message names the device and the errno.</summary>
public sealed class GpioChipErrorTests
{
    [Fact]
    public void OpeningAMissingChipNamesThePathAndTheErrno()
    {
        GpioException failure = Assert.Throws<GpioException>(() => GpioChip.Open("/dev/gpiochip-relaybox-missing"));

        Assert.Equal(2, failure.Errno);
        Assert.Contains("/dev/gpiochip-relaybox-missing", failure.Message);
        Assert.Contains("No such file or directory", failure.Message);
    }

    [Fact]
    public void OpeningADeviceThatIsNotAGpioChipSaysSo()
    {
        GpioException failure = Assert.Throws<GpioException>(() => GpioChip.Open("/dev/null"));

        Assert.Equal(25, failure.Errno);
        Assert.StartsWith("/dev/null is not a GPIO character device", failure.Message);
    }

    [Fact]
    public void FindingAChipByLabelAmongNonGpioFilesFindsNothing()
    {
        string directory = Directory.CreateTempSubdirectory("gpio-dev-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "gpiochip0"), "not a device");

            Assert.Null(GpioChip.Find("appliance-gpio", directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void TheSystemCatalogLeavesOutChipsItCannotReadAndSaysWhy()
    {
        string directory = Directory.CreateTempSubdirectory("gpio-dev-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "gpiochip0"), "not a device");
            var catalog = new SystemGpioChipCatalog(directory);

            Assert.Empty(catalog.Chips());
            string reason = Assert.Single(catalog.Unreadable);
            Assert.Contains(Path.Combine(directory, "gpiochip0"), reason);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void OpeningALineOnAMissingChipNamesTheChip()
    {
        var location = new GpioLineLocation("/dev/gpiochip-relaybox-missing", 17);

        GpioException output = Assert.Throws<GpioException>(() => GpioLines.OpenOutput(location, activeLow: false));
        GpioException input = Assert.Throws<GpioException>(() => GpioLines.OpenInput(location, activeLow: true, LineBias.PullUp, TimeSpan.FromMilliseconds(20)));

        Assert.Contains("/dev/gpiochip-relaybox-missing", output.Message);
        Assert.Contains("/dev/gpiochip-relaybox-missing", input.Message);
    }

    [Fact]
    public void TheSelfTestReportsFailureForAMissingChip()
    {
        var output = new StringWriter();

        bool passed = GpioSelfTest.Run("/dev/gpiochip-relaybox-missing", output);

        Assert.False(passed);
        Assert.Contains("not ok", output.ToString());
        Assert.Contains("GPIO SELF-TEST: FAIL", output.ToString());
    }
}
