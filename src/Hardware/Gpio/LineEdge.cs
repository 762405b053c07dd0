namespace Relaybox.Hardware.Gpio;

/// <summary>A change of an input line: <see cref="Active"/> = now pressed; <see cref="Timestamp"/> on the kernel's monotonic clock.</summary>
public readonly record struct LineEdge(bool Active, TimeSpan Timestamp);
