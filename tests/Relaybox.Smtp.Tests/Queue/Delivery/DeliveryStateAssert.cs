using Relaybox.Smtp.Queue.Delivery;

namespace Relaybox.Smtp.Tests.Queue.Delivery;

internal static class DeliveryStateAssert
{
    /// <summary>Field-by-field equality (records compare their recipient lists by reference), offsets included.</summary>
    public static void Equal(DeliveryState expected, DeliveryState actual)
    {
        Assert.Equal(expected with { Recipients = [] }, actual with { Recipients = [] });
        Assert.Equal(expected.Recipients, actual.Recipients);
        Assert.Equal(expected.FirstAttempt?.Offset, actual.FirstAttempt?.Offset);
        Assert.Equal(expected.LastAttempt?.Offset, actual.LastAttempt?.Offset);
        Assert.Equal(expected.NextAttempt?.Offset, actual.NextAttempt?.Offset);
    }
}
