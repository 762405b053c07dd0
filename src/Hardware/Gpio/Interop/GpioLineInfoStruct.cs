using System.Runtime.InteropServices;

namespace Relaybox.Hardware.Gpio.Interop;

/// <summary>struct gpio_v2_line_info (256 bytes).</summary>
[StructLayout(LayoutKind.Explicit, Size = 256)]
internal unsafe struct GpioLineInfoStruct
{
    public const int AttributesOffset = 80;

    [FieldOffset(0)] public fixed byte Name[GpioUapi.MaxNameSize];
    [FieldOffset(32)] public fixed byte Consumer[GpioUapi.MaxNameSize];
    [FieldOffset(64)] public uint Offset;
    [FieldOffset(68)] public uint NumAttrs;
    [FieldOffset(72)] public ulong Flags;
    // 10 x gpio_v2_line_attribute (16 bytes each).
    [FieldOffset(AttributesOffset)] public fixed byte Attributes[GpioUapi.NumAttrsMax * 16];
    [FieldOffset(240)] public fixed uint Padding[4];
}
