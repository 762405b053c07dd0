namespace Relaybox.Appliance.Configuration.Options;

/// <summary>[gpio]: line names (e.g. "GPIO17") or offsets; null = that LED or button is not used, <see cref="Chip"/> null = find lines by name.</summary>
public sealed record GpioSection(
    string? Chip,
    string? LedStatus,
    string? LedActivity,
    string? LedError,
    string? Button,
    bool LedsActiveLow,
    bool ButtonActiveLow);
