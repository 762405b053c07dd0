using Relaybox.Hardware.Gpio.Interop;

namespace Relaybox.Hardware.Tests.Gpio;

/// <summary>The request numbers computed from the _IOC encoding against the values the kernel headers produce.</summary>
public sealed class IoctlNumberTests
{
    [Fact]
    public void ChipInfoRequestIsTheKernelsNumber() => Assert.Equal(0x8044B401u, GpioIoctl.GetChipInfo);

    [Fact]
    public void LineInfoRequestIsTheKernelsNumber() => Assert.Equal(0xC100B405u, GpioIoctl.GetLineInfo);

    [Fact]
    public void LineRequestIsTheKernelsNumber() => Assert.Equal(0xC250B407u, GpioIoctl.GetLine);

    [Fact]
    public void SetConfigRequestIsTheKernelsNumber() => Assert.Equal(0xC110B40Du, GpioIoctl.SetConfig);

    [Fact]
    public void GetValuesRequestIsTheKernelsNumber() => Assert.Equal(0xC010B40Eu, GpioIoctl.GetValues);

    [Fact]
    public void SetValuesRequestIsTheKernelsNumber() => Assert.Equal(0xC010B40Fu, GpioIoctl.SetValues);

    [Fact]
    public void EncodingPutsDirectionSizeTypeAndNumberInTheirBits()
    {
        // _IOWR(0xB4, 0x06, struct gpio_v2_line_info) and _IOWR(0xB4, 0x0C, __u32) from the same table.
        Assert.Equal(0xC100B406u, GpioIoctl.Encode(3, 0x06, 256));
        Assert.Equal(0xC004B40Cu, GpioIoctl.Encode(3, 0x0C, 4));
    }
}
