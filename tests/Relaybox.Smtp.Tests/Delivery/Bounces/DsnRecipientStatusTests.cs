using Relaybox.Smtp.Delivery.Bounces;
using Relaybox.Smtp.Delivery.Client;
using Relaybox.Smtp.Protocol;
using Relaybox.Smtp.Queue;
using static Relaybox.Smtp.Tests.Delivery.Bounces.BounceFixtures;

namespace Relaybox.Smtp.Tests.Delivery.Bounces;

public class DsnRecipientStatusTests
{
    private static readonly EnvelopeRecipient Owner = new("owner@example.org", DsnNotify.Default, null);

    [Fact]
    public void APermanentReplyBecomesAFailedBlockWithItsEnhancedCode()
    {
        var result = new RecipientResult(Owner, RecipientOutcome.Failed, new UpstreamReply(550, ["5.1.1 no such user"]), "rejected");

        DsnRecipientStatus status = DsnRecipientStatus.From(result, "smtp.provider.example", Now, Now.AddDays(5));

        Assert.Equal(DsnAction.Failed, status.Action);
        Assert.Equal("5.1.1", status.Status);
        Assert.Equal("550 5.1.1 no such user", status.Diagnostic);
        Assert.Equal("smtp.provider.example", status.RemoteMta);
        Assert.Null(status.WillRetryUntil);
    }

    [Fact]
    public void AReplyWithoutEnhancedCodeGetsTheGenericCodeOfItsClass()
    {
        var result = new RecipientResult(Owner, RecipientOutcome.Deferred, new UpstreamReply(451, ["try later"]), "deferred");

        DsnRecipientStatus status = DsnRecipientStatus.From(result, "smtp.provider.example", Now, Now.AddDays(5));

        Assert.Equal(DsnAction.Delayed, status.Action);
        Assert.Equal("4.0.0", status.Status);
        Assert.Equal(Now.AddDays(5), status.WillRetryUntil);
    }

    [Fact]
    public void AFailureWithoutAnyReplyNamesNoRemoteMtaAndKeepsTheDetail()
    {
        var result = new RecipientResult(Owner, RecipientOutcome.Failed, null, "certificate for smtp.provider.example did not verify");

        DsnRecipientStatus status = DsnRecipientStatus.From(result, "smtp.provider.example", Now, null);

        Assert.Equal("5.0.0", status.Status);
        Assert.Null(status.RemoteMta);
        Assert.Null(status.Diagnostic);
        Assert.Equal("certificate for smtp.provider.example did not verify", status.Detail);
    }

    [Fact]
    public void ADeliveredRecipientIsReportedAsRelayed()
    {
        var result = new RecipientResult(Owner, RecipientOutcome.Delivered, new UpstreamReply(250, ["2.0.0 ok queued"]), "delivered");

        DsnRecipientStatus status = DsnRecipientStatus.From(result, "smtp.provider.example", Now, Now.AddDays(5));

        Assert.Equal(DsnAction.Relayed, status.Action);
        Assert.Equal("2.0.0", status.Status);
        Assert.Null(status.WillRetryUntil);
    }
}
