namespace Relaybox.Hardware.Indicators;

/// <summary>
/// The button's thresholds (DESIGN "LEDs and button": held 10 s resets, the LEDs warn after 5 s).
/// <see cref="BounceWindow"/>: a release followed by a press within it is contact bounce, not a second press
/// (the kernel debounces below us, but a worn button or a slow debounce can still let a pair through).
/// </summary>
public sealed record ButtonTimings(TimeSpan ShortPressLimit, TimeSpan WarningAfter, TimeSpan ResetAfter, TimeSpan BounceWindow)
{
    public static readonly ButtonTimings Default = new(
        ShortPressLimit: TimeSpan.FromSeconds(1),
        WarningAfter: TimeSpan.FromSeconds(5),
        ResetAfter: TimeSpan.FromSeconds(10),
        BounceWindow: TimeSpan.FromMilliseconds(50));
}
