using Relaybox.Smtp.Delivery.Bounces;
using Relaybox.Smtp.Protocol;
using Relaybox.Smtp.Queue;
using static Relaybox.Smtp.Tests.Delivery.Bounces.BounceFixtures;

namespace Relaybox.Smtp.Tests.Delivery.Bounces;

public class DsnAdviceTests
{
    private static readonly EnvelopeRecipient Owner = new("owner@example.org", DsnNotify.Default, null);

    [Theory]
    [InlineData("5.1.1", "spelling")]
    [InlineData("5.2.2", "mailbox is full")]
    [InlineData("5.3.4", "too large")]
    [InlineData("5.7.1", "sender address")]
    [InlineData("4.4.7", "gave up after retrying")]
    [InlineData("5.9.9", "Read the reply")]
    public void AFailureGetsAdviceMatchingItsStatusCode(string status, string expected)
    {
        string advice = DsnAdvice.For(Failed(Owner) with { Status = status });

        Assert.Contains(expected, advice, StringComparison.Ordinal);
    }

    [Fact]
    public void ADelayTellsTheOwnerThereIsNothingToDoYet()
    {
        Assert.StartsWith("Nothing to do yet", DsnAdvice.For(Delayed(Owner)), StringComparison.Ordinal);
    }
}
