using Relaybox.Appliance.Hosting;
using Relaybox.Appliance.Setup;
using Relaybox.Smtp.Delivery.Manager;

namespace Relaybox.Appliance.Tests.Hosting;

/// <summary>The wording of the status lines the console shows.</summary>
public sealed class StatusLinesTests
{
    [Theory]
    [InlineData(45, "45 s")]
    [InlineData(12 * 60 + 5, "12 min")]
    [InlineData(3 * 3600 + 12 * 60, "3 h 12 min")]
    [InlineData(2 * 86400 + 4 * 3600 + 59, "2 d 4 h")]
    public void UptimeReadsAsAPersonSaysIt(int seconds, string expected)
    {
        Assert.Equal(expected, StatusLines.Uptime(TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void AServingBoxWithoutFaultShowsASteadyStatusLedAndNoErrorLed()
    {
        var lines = StatusLines.Leds(new BoxStatus(BoxPhase.Serving, BoxFault.None), new SetupFacts(false, true, false, 2), hasLeds: true);

        Assert.Equal(["state: serving", "status LED: steady (serving)", "error LED: off"], lines);
    }

    [Fact]
    public void SetupNeededNamesTheReasonAndTheErrorLedNamesTheFault()
    {
        var lines = StatusLines.Leds(new BoxStatus(BoxPhase.SetupNeeded, BoxFault.SmarthostLoginRefused),
            new SetupFacts(IsDemo: false, DeliveryEnabled: true, LanMayRelay: false, UserCount: 0), hasLeds: true);

        Assert.Equal("state: setup needed (no users)", lines[0]);
        Assert.Equal("status LED: fast blink (setup needed: no users)", lines[1]);
        Assert.Equal("error LED: on (the relayhost refuses the login)", lines[2]);
    }

    [Fact]
    public void ABoxWithoutLedsSaysSoAndStillTellsItsState()
    {
        var lines = StatusLines.Leds(new BoxStatus(BoxPhase.Serving, BoxFault.None), null, hasLeds: false);

        Assert.Equal("state: serving", lines[0]);
        Assert.Equal("status LED: no LEDs configured", lines[1]);
    }

    [Fact]
    public void TheLastProblemLineCarriesTimeIdRecipientHostAndReply()
    {
        var problem = new DeliveryProblem(new DateTimeOffset(2026, 11, 22, 20, 10, 3, TimeSpan.Zero), "01JDABC", "you@example.net",
            "smtp.example.net", "451 4.7.1 try later", Final: false);

        Assert.Equal("last delivery problem: 2026-11-22 20:10:03 UTC 01JDABC deferred for you@example.net via smtp.example.net: 451 4.7.1 try later",
            StatusLines.LastProblem(problem));
        Assert.Equal("last delivery problem: none since start", StatusLines.LastProblem(null));
    }
}
