using System.Runtime.InteropServices;

namespace Relaybox.Hardware.Gpio.Interop;

/// <summary>struct gpio_v2_line_request (592 bytes); the kernel fills <see cref="Fd"/> with the request's descriptor.</summary>
[StructLayout(LayoutKind.Explicit, Size = 592)]
internal unsafe struct GpioLineRequestStruct
{
    [FieldOffset(0)] public fixed uint Offsets[GpioUapi.LinesMax];
    [FieldOffset(256)] public fixed byte Consumer[GpioUapi.MaxNameSize];
    [FieldOffset(288)] public GpioLineConfigStruct Config;
    [FieldOffset(560)] public uint NumLines;
    [FieldOffset(564)] public uint EventBufferSize;
    [FieldOffset(568)] public fixed uint Padding[5];
    [FieldOffset(588)] public int Fd;
}
