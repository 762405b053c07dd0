namespace Relaybox.Hardware.Gpio;

/// <summary>A chip as the locator sees it: its path, label and the name of each line (index = offset, "" = unnamed).</summary>
public sealed record GpioChipDescription(string Path, string Label, IReadOnlyList<string> LineNames);
