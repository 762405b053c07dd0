using System.Runtime.InteropServices;

namespace Relaybox.Hardware.Gpio.Interop;

/// <summary>struct gpio_v2_line_values (16 bytes): bit i is the i-th line of the request, mask selects the lines.</summary>
[StructLayout(LayoutKind.Explicit, Size = 16)]
internal struct GpioLineValuesStruct
{
    [FieldOffset(0)] public ulong Bits;
    [FieldOffset(8)] public ulong Mask;
}
