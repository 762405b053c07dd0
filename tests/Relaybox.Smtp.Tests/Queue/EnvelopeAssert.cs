using Relaybox.Smtp.Queue;

namespace Relaybox.Smtp.Tests.Queue;

internal static class EnvelopeAssert
{
    /// <summary>Field-by-field equality (records compare their recipient lists by reference).</summary>
    public static void Equal(Envelope expected, Envelope actual)
    {
        Assert.Equal(expected with { Recipients = [] }, actual with { Recipients = [] });
        Assert.Equal(expected.Recipients, actual.Recipients);
        Assert.Equal(expected.ReceivedAt.Offset, actual.ReceivedAt.Offset);
    }
}
