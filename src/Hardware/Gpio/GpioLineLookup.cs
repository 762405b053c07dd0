using System.Diagnostics.CodeAnalysis;

namespace Relaybox.Hardware.Gpio;

/// <summary>The answer of <see cref="GpioLineLocator"/>: a location, or a sentence saying why there is none.</summary>
public sealed record GpioLineLookup
{
    private GpioLineLookup(GpioLineLocation? location, string? failure)
    {
        Location = location;
        Failure = failure;
    }

    public GpioLineLocation? Location { get; }

    /// <summary>Why the line was not found, e.g. "no GPIO chip has a line named GPIO99 (looked at /dev/gpiochip0 'pinctrl-bcm2711')".</summary>
    public string? Failure { get; }

    [MemberNotNullWhen(true, nameof(Location))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsFound => Location is not null;

    public static GpioLineLookup Found(string chipPath, int offset) => new(new GpioLineLocation(chipPath, offset), null);

    public static GpioLineLookup NotFound(string reason) => new(null, reason);
}
