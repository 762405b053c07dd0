using Relaybox.Hardware.Gpio.Interop;

namespace Relaybox.Hardware.Gpio;

/// <summary>
/// One requested output line. Active-low is the kernel's ACTIVE_LOW flag, so <see cref="Set"/> speaks in logical
/// values; the initial value goes in the request itself (OUTPUT_VALUES attribute) so the line never glitches.
/// </summary>
public sealed unsafe class GpioOutputLine : IOutputLine
{
    private readonly FileDescriptorHandle _request;

    private GpioOutputLine(string name, string description, FileDescriptorHandle request)
    {
        Name = name;
        Description = description;
        _request = request;
    }

    public string Name { get; }

    /// <summary>Chip path, offset and name, for error messages.</summary>
    public string Description { get; }

    public void Set(bool active)
    {
        ObjectDisposedException.ThrowIf(_request.IsClosed, this);
        var values = new GpioLineValuesStruct { Bits = active ? 1UL : 0UL, Mask = 1 };
        if (LibC.Ioctl(_request, GpioIoctl.SetValues, &values) < 0)
        {
            throw Errno.Exception($"{Description}: setting the output failed", Errno.Last());
        }
    }

    /// <summary>Closes the request descriptor; the kernel releases the line. Safe to call twice.</summary>
    public void Dispose() => _request.Dispose();

    internal static GpioOutputLine Request(GpioChip chip, int offset, bool activeLow, bool initiallyActive, string consumer)
    {
        GpioLineFlags flags = GpioLineFlags.Output | (activeLow ? GpioLineFlags.ActiveLow : GpioLineFlags.None);
        GpioLineRequestStruct request = LineRequestBuilder.SingleLine(offset, flags, consumer);
        LineRequestBuilder.AddOutputValue(ref request, initiallyActive);
        string description = chip.Describe(offset);
        FileDescriptorHandle handle = chip.TryRequestLine(ref request, out int errno)
            ?? throw Errno.Exception($"{description}: request as output failed", errno);
        return new GpioOutputLine(NameOf(chip, offset), description, handle);
    }

    internal static string NameOf(GpioChip chip, int offset)
    {
        string name = chip.GetLineInfo(offset).Name;
        return name.Length == 0 ? offset.ToString(System.Globalization.CultureInfo.InvariantCulture) : name;
    }
}
