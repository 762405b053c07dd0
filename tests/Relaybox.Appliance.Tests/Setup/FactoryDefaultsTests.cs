using Relaybox.Appliance.Configuration;
using Relaybox.Appliance.Configuration.Options;
using Relaybox.Appliance.Setup;

namespace Relaybox.Appliance.Tests.Setup;

public sealed class FactoryDefaultsTests
{
    private static readonly DateTimeOffset ResetAt = new(2026, 11, 22, 19, 15, 30, TimeSpan.Zero);

    [Theory]
    [InlineData(null, "GPIO17", null, "GPIO22", null, false, true)]
    [InlineData("gpiochip0", "17", "27", "22", "23", true, false)]
    public void GpioWiringReadsBackUnchanged(string? chip, string? status, string? activity, string? error, string? button, bool ledsLow, bool buttonLow)
    {
        var wiring = new GpioSection(chip, status, activity, error, button, ledsLow, buttonLow);

        var loaded = ConfigLoader.Parse(FactoryDefaults.Text("/srv/relaybox data", wiring, ResetAt, "relaybox.ini.before-reset-x"), "factory");

        Assert.NotNull(loaded.Config);
        Assert.Equal(wiring, loaded.Config.Gpio);
        Assert.Equal("/srv/relaybox data", loaded.Config.Server.DataDir);
    }

    [Fact]
    public void BoxWithoutGpioSectionGetsNone()
    {
        var loaded = ConfigLoader.Parse(FactoryDefaults.Text("/var/lib/relaybox", null, ResetAt, null), "factory");

        Assert.Null(loaded.Config!.Gpio);
        Assert.DoesNotContain(loaded.Diagnostics, d => d.Severity == ConfigSeverity.Error);
    }
}
