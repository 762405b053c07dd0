using System.Runtime.InteropServices;

namespace Relaybox.Hardware.Gpio.Interop;

/// <summary>struct gpio_v2_line_config (272 bytes): default flags plus up to 10 per-line attributes.</summary>
[StructLayout(LayoutKind.Explicit, Size = 272)]
internal unsafe struct GpioLineConfigStruct
{
    public const int AttributesOffset = 32;

    [FieldOffset(0)] public ulong Flags;
    [FieldOffset(8)] public uint NumAttrs;
    [FieldOffset(12)] public fixed uint Padding[5];
    // 10 x gpio_v2_line_config_attribute (24 bytes each); C# has no fixed buffers of structs, so they are
    // reached through AttributeAt.
    [FieldOffset(AttributesOffset)] public fixed byte Attributes[GpioUapi.NumAttrsMax * 24];

    public ref GpioLineConfigAttributeStruct AttributeAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, GpioUapi.NumAttrsMax);
        fixed (byte* first = Attributes)
        {
            return ref ((GpioLineConfigAttributeStruct*)first)[index];
        }
    }

    /// <summary>Appends an attribute; the caller stays within the kernel's limit of 10.</summary>
    public void AddAttribute(GpioLineAttributeStruct attribute, ulong mask)
    {
        ref GpioLineConfigAttributeStruct slot = ref AttributeAt((int)NumAttrs);
        slot.Attribute = attribute;
        slot.Mask = mask;
        NumAttrs++;
    }
}
