using System.Runtime.InteropServices;

namespace Relaybox.Hardware.Gpio.Interop;

/// <summary>struct gpio_v2_line_event (48 bytes), read() from a line request's descriptor.</summary>
[StructLayout(LayoutKind.Explicit, Size = 48)]
internal unsafe struct GpioLineEventStruct
{
    [FieldOffset(0)] public ulong TimestampNanoseconds;
    [FieldOffset(8)] public uint Id;
    [FieldOffset(12)] public uint Offset;
    [FieldOffset(16)] public uint Seqno;
    [FieldOffset(20)] public uint LineSeqno;
    [FieldOffset(24)] public fixed uint Padding[6];
}
