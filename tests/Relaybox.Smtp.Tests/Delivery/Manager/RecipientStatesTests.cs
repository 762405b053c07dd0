using Relaybox.Smtp.Delivery.Client;
using Relaybox.Smtp.Delivery.Manager;
using Relaybox.Smtp.Protocol;
using Relaybox.Smtp.Queue;
using Relaybox.Smtp.Queue.Delivery;

namespace Relaybox.Smtp.Tests.Delivery.Manager;

public sealed class RecipientStatesTests
{
    private static readonly EnvelopeRecipient Bob = new("bob@nullmx.example", DsnNotify.Default, null);

    [Theory]
    [InlineData("5.1.10 nullmx.example accepts no mail (null MX, RFC 7505)", "5.1.10")]
    [InlineData("4.4.3 DNS lookup of example.org failed: timeout", "4.4.3")]
    [InlineData("connection refused by 192.0.2.1", null)]
    [InlineData("5.1 not a status", null)]
    [InlineData("7.1.1 not a class", null)]
    public void ARelayboxReasonKeepsTheStatusItStartsWith(string detail, string? expected)
    {
        var result = new RecipientResult(Bob, RecipientOutcome.Failed, null, detail);

        var state = RecipientStates.FromResult(Bob.Address, result, null);

        Assert.Equal(expected, state.EnhancedCode);
        Assert.Equal(detail, state.ReplyText);
        Assert.Null(state.ReplyCode);
    }

    [Fact]
    public void ARemoteReplyIsKeptWithItsHost()
    {
        var result = new RecipientResult(Bob, RecipientOutcome.Deferred, new UpstreamReply(451, ["4.7.1 greylisted"]), "451 4.7.1 greylisted");

        var state = RecipientStates.FromResult(Bob.Address, result, "mx.example");

        Assert.Equal((RecipientStatus.Deferred, 451, "4.7.1", "mx.example"), (state.Status, state.ReplyCode, state.EnhancedCode, state.RemoteHost));
    }
}
