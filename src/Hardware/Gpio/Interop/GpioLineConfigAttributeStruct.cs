using System.Runtime.InteropServices;

namespace Relaybox.Hardware.Gpio.Interop;

/// <summary>struct gpio_v2_line_config_attribute (24 bytes): an attribute and the mask of request lines it applies to.</summary>
[StructLayout(LayoutKind.Explicit, Size = 24)]
internal struct GpioLineConfigAttributeStruct
{
    [FieldOffset(0)] public GpioLineAttributeStruct Attribute;
    [FieldOffset(16)] public ulong Mask;
}
