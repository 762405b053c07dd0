using Relaybox.Appliance.Cli;
using Relaybox.Appliance.Configuration.Options;
using Relaybox.Hardware.Gpio;

namespace Relaybox.Appliance.Tests.Cli;

/// <summary>What "relaybox gpio test" tells the assembler before any line is touched (the lines themselves are tested in the VM).</summary>
public sealed class GpioTestCommandTests
{
    private static readonly GpioSection Wired = new("relaybox-test", "GPIO17", "GPIO27", null, "GPIO23", LedsActiveLow: false, ButtonActiveLow: true);

    [Fact]
    public async Task WithoutAGpioSectionItSaysWhatToAdd()
    {
        var (output, error) = (new StringWriter(), new StringWriter());

        int exit = await GpioTestCommand.RunAsync(null, "relaybox.ini", TimeSpan.Zero, new Catalog(), output, error, CancellationToken.None);

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains("relaybox.ini has no [gpio] section", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryLineThatIsNotThereIsNamedWithTheReason()
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var catalog = new Catalog(new GpioChipDescription("/dev/gpiochip0", "pinctrl-bcm2711", ["GPIO0", "GPIO1"]));

        int exit = await GpioTestCommand.RunAsync(Wired, "relaybox.ini", TimeSpan.Zero, catalog, output, error, CancellationToken.None);

        Assert.Equal(ExitCodes.Failure, exit);
        string text = output.ToString();
        Assert.Contains("status LED    GPIO17: NOT FOUND:", text, StringComparison.Ordinal);
        Assert.Contains("activity LED  GPIO27: NOT FOUND:", text, StringComparison.Ordinal);
        Assert.Contains("error LED     (not set)", text, StringComparison.Ordinal);
        Assert.Contains("button        GPIO23: NOT FOUND:", text, StringComparison.Ordinal);
        Assert.Contains("relaybox-test", text, StringComparison.Ordinal); // the reason names the chip asked for
        Assert.Contains("done: 0 LEDs lit", text, StringComparison.Ordinal);
    }

    private sealed class Catalog(params GpioChipDescription[] chips) : IGpioChipCatalog
    {
        public IReadOnlyList<GpioChipDescription> Chips() => chips;
    }
}
