using Relaybox.Hardware.Gpio;

namespace Relaybox.Hardware.Tests.Gpio;

public sealed class GpioLineLocatorTests
{
    private static readonly GpioChipDescription Soc = FakeChipCatalog.PiLike("/dev/gpiochip0", "pinctrl-bcm2711", 58);
    private static readonly GpioChipDescription Expander = new("/dev/gpiochip1", "raspberrypi-exp-gpio", ["BT_ON", "WL_ON", "", "GPIO17"]);
    private static readonly GpioChipDescription Sim = new("/dev/gpiochip2", "appliance-gpio", ["LED_STATUS", "LED_ERROR", "BTN_RESET", "17"]);

    [Fact]
    public void WithoutAChipALineIsFoundByNameOnWhicheverChipHasIt()
    {
        var locator = new GpioLineLocator(new FakeChipCatalog(Soc, Expander, Sim));

        GpioLineLookup lookup = locator.Locate(null, "BTN_RESET");

        Assert.True(lookup.IsFound);
        Assert.Equal(new GpioLineLocation("/dev/gpiochip2", 2), lookup.Location);
    }

    [Fact]
    public void WithoutAChipTheFirstChipCarryingTheNameWins()
    {
        var locator = new GpioLineLocator(new FakeChipCatalog(Soc, Expander));

        Assert.Equal(new GpioLineLocation("/dev/gpiochip0", 17), locator.Locate("", "GPIO17").Location);
    }

    [Fact]
    public void AChipLabelRestrictsTheSearchToThatChip()
    {
        var locator = new GpioLineLocator(new FakeChipCatalog(Soc, Expander));

        Assert.Equal(new GpioLineLocation("/dev/gpiochip1", 3), locator.Locate("raspberrypi-exp-gpio", "GPIO17").Location);
    }

    [Fact]
    public void AChipPathSelectsThatChipAndAnOffsetIsTakenAsIs()
    {
        var locator = new GpioLineLocator(new FakeChipCatalog(Soc, Expander));

        Assert.Equal(new GpioLineLocation("/dev/gpiochip0", 27), locator.Locate("/dev/gpiochip0", "27").Location);
    }

    [Fact]
    public void ALineNamedLikeANumberIsFoundByNameBeforeBeingReadAsAnOffset()
    {
        var locator = new GpioLineLocator(new FakeChipCatalog(Sim));

        Assert.Equal(new GpioLineLocation("/dev/gpiochip2", 3), locator.Locate("appliance-gpio", "17").Location);
    }

    [Fact]
    public void AnOffsetWithoutAChipIsUsedWhenThereIsOnlyOneChip()
    {
        var locator = new GpioLineLocator(new FakeChipCatalog(Soc));

        Assert.Equal(new GpioLineLocation("/dev/gpiochip0", 22), locator.Locate(null, "22").Location);
    }

    [Fact]
    public void AnOffsetWithoutAChipIsRefusedWhenSeveralChipsCouldBeMeant()
    {
        var locator = new GpioLineLocator(new FakeChipCatalog(Soc, Expander));

        GpioLineLookup lookup = locator.Locate(null, "22");

        Assert.False(lookup.IsFound);
        Assert.Contains("needs [gpio] chip", lookup.Failure);
        Assert.Contains("/dev/gpiochip1 'raspberrypi-exp-gpio'", lookup.Failure);
    }

    [Fact]
    public void AnUnknownLineNameIsNotFoundAndTheChipsLookedAtAreNamed()
    {
        var locator = new GpioLineLocator(new FakeChipCatalog(Soc, Sim));

        GpioLineLookup lookup = locator.Locate(null, "GPIO99");

        Assert.False(lookup.IsFound);
        Assert.Contains("no GPIO chip has a line named GPIO99", lookup.Failure);
        Assert.Contains("/dev/gpiochip0 'pinctrl-bcm2711'", lookup.Failure);
        Assert.Contains("/dev/gpiochip2 'appliance-gpio'", lookup.Failure);
    }

    [Fact]
    public void AnUnknownChipLabelIsNotFound()
    {
        var locator = new GpioLineLocator(new FakeChipCatalog(Soc));

        GpioLineLookup lookup = locator.Locate("no-such-label", "GPIO17");

        Assert.False(lookup.IsFound);
        Assert.StartsWith("no GPIO chip labelled 'no-such-label'", lookup.Failure);
    }

    [Fact]
    public void AnUnknownChipPathIsNotFound()
    {
        var locator = new GpioLineLocator(new FakeChipCatalog(Soc));

        Assert.StartsWith("no GPIO chip at /dev/gpiochip9", locator.Locate("/dev/gpiochip9", "17").Failure);
    }

    [Fact]
    public void AnOffsetBeyondTheChipsLinesIsNotFound()
    {
        var locator = new GpioLineLocator(new FakeChipCatalog(Sim));

        GpioLineLookup lookup = locator.Locate("/dev/gpiochip2", "4");

        Assert.False(lookup.IsFound);
        Assert.Contains("has lines 0-3; there is no line 4", lookup.Failure);
    }

    [Fact]
    public void ANameMissingFromTheChosenChipIsNotFoundEvenIfAnotherChipHasIt()
    {
        var locator = new GpioLineLocator(new FakeChipCatalog(Soc, Sim));

        GpioLineLookup lookup = locator.Locate("appliance-gpio", "GPIO17");

        Assert.False(lookup.IsFound);
        Assert.Contains("'appliance-gpio' has no line named GPIO17", lookup.Failure);
    }

    [Fact]
    public void AnEmptyLineIsNotFound()
    {
        var locator = new GpioLineLocator(new FakeChipCatalog(Soc));

        Assert.Equal("no line given", locator.Locate(null, "  ").Failure);
    }

    [Fact]
    public void AMachineWithoutChipsSaysSo()
    {
        var locator = new GpioLineLocator(new FakeChipCatalog());

        Assert.Contains("no GPIO chips", locator.Locate(null, "GPIO17").Failure);
    }

    [Fact]
    public void TheCatalogIsReadOnceForAllLinesOfOneLocator()
    {
        var catalog = new FakeChipCatalog(Soc);
        var locator = new GpioLineLocator(catalog);

        locator.Locate(null, "GPIO17");
        locator.Locate(null, "GPIO27");
        locator.Locate(null, "GPIO22");

        Assert.Equal(1, catalog.Reads);
    }
}
