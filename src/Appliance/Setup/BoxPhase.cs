namespace Relaybox.Appliance.Setup;

/// <summary>What the box is doing, as the status LED shows it (DESIGN "LEDs and button").</summary>
public enum BoxPhase
{
    /// <summary>From process start until the listeners are open: status LED blinking.</summary>
    Starting,

    /// <summary>Accepting and delivering mail: status LED steady.</summary>
    Serving,

    /// <summary>Running, but not set up to relay anyone's mail (see <see cref="SetupFacts.SetupNeeded"/>): status LED fast blink.</summary>
    SetupNeeded,

    /// <summary>A factory reset is being applied.</summary>
    Resetting,
}
