using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Relaybox.Hardware.Gpio.Interop;

namespace Relaybox.Hardware.Tests.Gpio;

/// <summary>Every uAPI v2 struct against the sizes and offsets linux/gpio.h has on x86_64, arm64 and armhf.</summary>
public sealed unsafe class UapiLayoutTests
{
    [Theory]
    [InlineData("gpiochip_info", 68)]
    [InlineData("gpio_v2_line_values", 16)]
    [InlineData("gpio_v2_line_attribute", 16)]
    [InlineData("gpio_v2_line_config_attribute", 24)]
    [InlineData("gpio_v2_line_config", 272)]
    [InlineData("gpio_v2_line_request", 592)]
    [InlineData("gpio_v2_line_info", 256)]
    [InlineData("gpio_v2_line_event", 48)]
    public void StructSizeMatchesTheKernel(string kernelName, int expectedSize)
    {
        (int managed, int unmanaged) = kernelName switch
        {
            "gpiochip_info" => (Unsafe.SizeOf<GpioChipInfoStruct>(), Marshal.SizeOf<GpioChipInfoStruct>()),
            "gpio_v2_line_values" => (Unsafe.SizeOf<GpioLineValuesStruct>(), Marshal.SizeOf<GpioLineValuesStruct>()),
            "gpio_v2_line_attribute" => (Unsafe.SizeOf<GpioLineAttributeStruct>(), Marshal.SizeOf<GpioLineAttributeStruct>()),
            "gpio_v2_line_config_attribute" => (Unsafe.SizeOf<GpioLineConfigAttributeStruct>(), Marshal.SizeOf<GpioLineConfigAttributeStruct>()),
            "gpio_v2_line_config" => (Unsafe.SizeOf<GpioLineConfigStruct>(), Marshal.SizeOf<GpioLineConfigStruct>()),
            "gpio_v2_line_request" => (Unsafe.SizeOf<GpioLineRequestStruct>(), Marshal.SizeOf<GpioLineRequestStruct>()),
            "gpio_v2_line_info" => (Unsafe.SizeOf<GpioLineInfoStruct>(), Marshal.SizeOf<GpioLineInfoStruct>()),
            "gpio_v2_line_event" => (Unsafe.SizeOf<GpioLineEventStruct>(), Marshal.SizeOf<GpioLineEventStruct>()),
            _ => throw new ArgumentOutOfRangeException(nameof(kernelName)),
        };

        Assert.Equal(expectedSize, managed);
        Assert.Equal(expectedSize, unmanaged);
    }

    [Fact]
    public void ChipInfoFieldsSitAtTheKernelOffsets()
    {
        GpioChipInfoStruct value = default;
        byte* start = (byte*)&value;
        Assert.Equal(0, value.Name - start);
        Assert.Equal(32, value.Label - start);
        Assert.Equal(64, (byte*)&value.Lines - start);
    }

    [Fact]
    public void LineValuesFieldsSitAtTheKernelOffsets()
    {
        Assert.Equal(0, Offset<GpioLineValuesStruct>(nameof(GpioLineValuesStruct.Bits)));
        Assert.Equal(8, Offset<GpioLineValuesStruct>(nameof(GpioLineValuesStruct.Mask)));
    }

    [Fact]
    public void LineAttributeUnionMembersAllStartAtOffsetEight()
    {
        Assert.Equal(0, Offset<GpioLineAttributeStruct>(nameof(GpioLineAttributeStruct.Id)));
        Assert.Equal(4, Offset<GpioLineAttributeStruct>(nameof(GpioLineAttributeStruct.Padding)));
        Assert.Equal(8, Offset<GpioLineAttributeStruct>(nameof(GpioLineAttributeStruct.Flags)));
        Assert.Equal(8, Offset<GpioLineAttributeStruct>(nameof(GpioLineAttributeStruct.Values)));
        Assert.Equal(8, Offset<GpioLineAttributeStruct>(nameof(GpioLineAttributeStruct.DebouncePeriodMicroseconds)));
    }

    [Fact]
    public void ConfigAttributeMaskFollowsTheAttribute()
    {
        Assert.Equal(0, Offset<GpioLineConfigAttributeStruct>(nameof(GpioLineConfigAttributeStruct.Attribute)));
        Assert.Equal(16, Offset<GpioLineConfigAttributeStruct>(nameof(GpioLineConfigAttributeStruct.Mask)));
    }

    [Fact]
    public void LineConfigFieldsSitAtTheKernelOffsets()
    {
        GpioLineConfigStruct value = default;
        byte* start = (byte*)&value;
        Assert.Equal(0, (byte*)&value.Flags - start);
        Assert.Equal(8, (byte*)&value.NumAttrs - start);
        Assert.Equal(12, (byte*)value.Padding - start);
        Assert.Equal(32, value.Attributes - start);
        Assert.Equal(32 + (9 * 24), (byte*)Unsafe.AsPointer(ref value.AttributeAt(9)) - start);
    }

    [Fact]
    public void LineRequestFieldsSitAtTheKernelOffsets()
    {
        GpioLineRequestStruct value = default;
        byte* start = (byte*)&value;
        Assert.Equal(0, (byte*)value.Offsets - start);
        Assert.Equal(256, value.Consumer - start);
        Assert.Equal(288, (byte*)&value.Config - start);
        Assert.Equal(560, (byte*)&value.NumLines - start);
        Assert.Equal(564, (byte*)&value.EventBufferSize - start);
        Assert.Equal(568, (byte*)value.Padding - start);
        Assert.Equal(588, (byte*)&value.Fd - start);
    }

    [Fact]
    public void LineInfoFieldsSitAtTheKernelOffsets()
    {
        GpioLineInfoStruct value = default;
        byte* start = (byte*)&value;
        Assert.Equal(0, value.Name - start);
        Assert.Equal(32, value.Consumer - start);
        Assert.Equal(64, (byte*)&value.Offset - start);
        Assert.Equal(68, (byte*)&value.NumAttrs - start);
        Assert.Equal(72, (byte*)&value.Flags - start);
        Assert.Equal(80, value.Attributes - start);
        Assert.Equal(240, (byte*)value.Padding - start);
    }

    [Fact]
    public void LineEventFieldsSitAtTheKernelOffsets()
    {
        Assert.Equal(0, Offset<GpioLineEventStruct>(nameof(GpioLineEventStruct.TimestampNanoseconds)));
        Assert.Equal(8, Offset<GpioLineEventStruct>(nameof(GpioLineEventStruct.Id)));
        Assert.Equal(12, Offset<GpioLineEventStruct>(nameof(GpioLineEventStruct.Offset)));
        Assert.Equal(16, Offset<GpioLineEventStruct>(nameof(GpioLineEventStruct.Seqno)));
        Assert.Equal(20, Offset<GpioLineEventStruct>(nameof(GpioLineEventStruct.LineSeqno)));
        Assert.Equal(24, Offset<GpioLineEventStruct>(nameof(GpioLineEventStruct.Padding)));
    }

    [Fact]
    public void PollFdIsEightBytesWithEventsAfterTheDescriptor()
    {
        Assert.Equal(8, Unsafe.SizeOf<PollFd>());
        Assert.Equal(4, Offset<PollFd>(nameof(PollFd.Events)));
        Assert.Equal(6, Offset<PollFd>(nameof(PollFd.ReturnedEvents)));
    }

    private static int Offset<T>(string field) => (int)Marshal.OffsetOf<T>(field);
}
