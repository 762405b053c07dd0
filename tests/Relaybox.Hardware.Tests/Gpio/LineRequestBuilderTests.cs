using Relaybox.Hardware.Gpio;
using Relaybox.Hardware.Gpio.Interop;

namespace Relaybox.Hardware.Tests.Gpio;

/// <summary>What the library puts in a gpio_v2_line_request before handing it to the kernel.</summary>
public sealed unsafe class LineRequestBuilderTests
{
    [Fact]
    public void ASingleLineRequestCarriesOffsetFlagsAndConsumer()
    {
        GpioLineRequestStruct request = LineRequestBuilder.SingleLine(23, GpioLineFlags.Input | GpioLineFlags.ActiveLow, "relaybox");

        Assert.Equal(1u, request.NumLines);
        Assert.Equal(23u, request.Offsets[0]);
        Assert.Equal((ulong)(GpioLineFlags.Input | GpioLineFlags.ActiveLow), request.Config.Flags);
        Assert.Equal(0u, request.Config.NumAttrs);
        Assert.Equal("relaybox", CString.Read(request.Consumer, GpioUapi.MaxNameSize));
    }

    [Fact]
    public void AnInitialOutputValueIsAnOutputValuesAttributeForTheFirstLine()
    {
        GpioLineRequestStruct request = LineRequestBuilder.SingleLine(17, GpioLineFlags.Output, "relaybox");

        LineRequestBuilder.AddOutputValue(ref request, active: true);

        Assert.Equal(1u, request.Config.NumAttrs);
        ref GpioLineConfigAttributeStruct attribute = ref request.Config.AttributeAt(0);
        Assert.Equal(2u, attribute.Attribute.Id);
        Assert.Equal(1ul, attribute.Attribute.Values);
        Assert.Equal(1ul, attribute.Mask);
    }

    [Fact]
    public void ADebounceIsADebounceAttributeInMicroseconds()
    {
        GpioLineRequestStruct request = LineRequestBuilder.SingleLine(23, GpioLineFlags.Input, "relaybox");

        LineRequestBuilder.AddOutputValue(ref request, active: false);
        LineRequestBuilder.AddDebounce(ref request, TimeSpan.FromMilliseconds(20));

        Assert.Equal(2u, request.Config.NumAttrs);
        ref GpioLineConfigAttributeStruct attribute = ref request.Config.AttributeAt(1);
        Assert.Equal(3u, attribute.Attribute.Id);
        Assert.Equal(20_000u, attribute.Attribute.DebouncePeriodMicroseconds);
        Assert.Equal(1ul, attribute.Mask);
    }

    [Fact]
    public void ALongConsumerIsCutSoTheKernelStillSeesATerminatedString()
    {
        GpioLineRequestStruct request = LineRequestBuilder.SingleLine(0, GpioLineFlags.Input, new string('c', 40));

        Assert.Equal(new string('c', 31), CString.Read(request.Consumer, GpioUapi.MaxNameSize));
        Assert.Equal(0, request.Consumer[31]);
    }

    [Fact]
    public void TheConfigHoldsAtMostTenAttributes()
    {
        GpioLineConfigStruct config = default;

        Assert.Throws<ArgumentOutOfRangeException>(() => config.AttributeAt(10));
    }

    [Fact]
    public void ARisingEventIsAnActiveEdgeWithTheKernelTimestamp()
    {
        var rising = new GpioLineEventStruct { Id = 1, TimestampNanoseconds = 1_500_000_000 };
        var falling = new GpioLineEventStruct { Id = 2, TimestampNanoseconds = 2_000_000_300 };

        Assert.Equal(new LineEdge(true, TimeSpan.FromSeconds(1.5)), GpioInputLine.ToEdge(rising));
        Assert.Equal(new LineEdge(false, TimeSpan.FromTicks(20_000_003)), GpioInputLine.ToEdge(falling));
    }

    [Theory]
    [InlineData(22, true)]
    [InlineData(524, true)]
    [InlineData(95, true)]
    [InlineData(16, false)]
    [InlineData(1, false)]
    public void OnlyRefusalsOfTheAttributeFallBackToSoftwareDebounce(int errno, bool fallsBack) =>
        Assert.Equal(fallsBack, GpioInputLine.IsRefusedAttribute(errno));
}
