using System.Runtime.InteropServices;

namespace Relaybox.Hardware.Gpio.Interop;

/// <summary>struct gpio_v2_line_attribute (16 bytes): an id and a union of flags, output values or debounce period.</summary>
[StructLayout(LayoutKind.Explicit, Size = 16)]
internal struct GpioLineAttributeStruct
{
    [FieldOffset(0)] public uint Id;
    [FieldOffset(4)] public uint Padding;
    [FieldOffset(8)] public ulong Flags;
    [FieldOffset(8)] public ulong Values;
    [FieldOffset(8)] public uint DebouncePeriodMicroseconds;
}
