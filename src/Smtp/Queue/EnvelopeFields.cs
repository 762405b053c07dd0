using Relaybox.Smtp.Protocol;

namespace Relaybox.Smtp.Queue;

/// <summary>The words the envelope file uses for enumerated values, in both directions.</summary>
internal static class EnvelopeFields
{
    public static string FormatBody(BodyType body) => body switch
    {
        BodyType.SevenBit => "7bit",
        BodyType.EightBitMime => "8bitmime",
        BodyType.BinaryMime => "binarymime",
        _ => throw new ArgumentOutOfRangeException(nameof(body), body, "unknown body type"),
    };

    public static BodyType? ParseBody(string text) => text switch
    {
        "7bit" => BodyType.SevenBit,
        "8bitmime" => BodyType.EightBitMime,
        "binarymime" => BodyType.BinaryMime,
        _ => null,
    };

    public static string FormatReturn(DsnReturn value) => value switch
    {
        DsnReturn.Unspecified => "unspecified",
        DsnReturn.Full => "full",
        DsnReturn.Headers => "hdrs",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "unknown RET value"),
    };

    public static DsnReturn? ParseReturn(string text) => text switch
    {
        "unspecified" => DsnReturn.Unspecified,
        "full" => DsnReturn.Full,
        "hdrs" => DsnReturn.Headers,
        _ => null,
    };

    /// <summary>"default" for an absent NOTIFY, else the RFC 3461 keywords joined by commas.</summary>
    public static string FormatNotify(DsnNotify notify)
    {
        if (notify == DsnNotify.Default)
        {
            return "default";
        }

        const DsnNotify known = DsnNotify.Never | DsnNotify.Success | DsnNotify.Failure | DsnNotify.Delay;
        if ((notify & ~known) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(notify), notify, "unknown NOTIFY flags");
        }

        var words = new List<string>(4);
        if (notify.HasFlag(DsnNotify.Never))
        {
            words.Add("never");
        }

        if (notify.HasFlag(DsnNotify.Success))
        {
            words.Add("success");
        }

        if (notify.HasFlag(DsnNotify.Failure))
        {
            words.Add("failure");
        }

        if (notify.HasFlag(DsnNotify.Delay))
        {
            words.Add("delay");
        }

        return string.Join(',', words);
    }

    public static DsnNotify? ParseNotify(string text)
    {
        if (text == "default")
        {
            return DsnNotify.Default;
        }

        DsnNotify result = DsnNotify.Default;
        foreach (string word in text.Split(','))
        {
            DsnNotify flag = word switch
            {
                "never" => DsnNotify.Never,
                "success" => DsnNotify.Success,
                "failure" => DsnNotify.Failure,
                "delay" => DsnNotify.Delay,
                _ => DsnNotify.Default,
            };
            if (flag == DsnNotify.Default || (result & flag) != 0)
            {
                return null;
            }

            result |= flag;
        }

        return result;
    }
}
