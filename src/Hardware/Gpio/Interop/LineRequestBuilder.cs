namespace Relaybox.Hardware.Gpio.Interop;

/// <summary>Fills a gpio_v2_line_request for a single line: offset 0 of the request is bit 0 of every mask.</summary>
internal static unsafe class LineRequestBuilder
{
    private const ulong FirstLine = 1;

    public static GpioLineRequestStruct SingleLine(int offset, GpioLineFlags flags, string consumer)
    {
        GpioLineRequestStruct request = default;
        request.Offsets[0] = (uint)offset;
        request.NumLines = 1;
        request.Config.Flags = (ulong)flags;
        CString.Write(consumer, request.Consumer, GpioUapi.MaxNameSize);
        return request;
    }

    public static void AddOutputValue(ref GpioLineRequestStruct request, bool active) =>
        request.Config.AddAttribute(new GpioLineAttributeStruct { Id = GpioUapi.AttributeOutputValues, Values = active ? FirstLine : 0 }, FirstLine);

    public static void AddDebounce(ref GpioLineRequestStruct request, TimeSpan period) =>
        request.Config.AddAttribute(new GpioLineAttributeStruct { Id = GpioUapi.AttributeDebounce, DebouncePeriodMicroseconds = (uint)period.TotalMicroseconds }, FirstLine);
}
