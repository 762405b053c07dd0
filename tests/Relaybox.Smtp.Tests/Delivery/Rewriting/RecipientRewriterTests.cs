using Relaybox.Smtp.Delivery.Rewriting;
using Relaybox.Smtp.Protocol;
using Relaybox.Smtp.Queue;

namespace Relaybox.Smtp.Tests.Delivery.Rewriting;

public sealed class RecipientRewriterTests
{
    private static readonly RecipientRewriter Rewriter = new("admin@example.org", "nas.home.arpa", ["relaybox.lan"]);

    [Theory]
    [InlineData("root")]
    [InlineData("backup")]
    [InlineData("ROOT")]
    [InlineData("root@nas.home.arpa")]
    [InlineData("Postmaster@nas")]
    [InlineData("mailer-daemon@NAS.home.arpa")]
    [InlineData("abuse@relaybox.lan")]
    [InlineData("root@relaybox.lan.")]
    [InlineData("\"root\"@nas")]
    public void SystemAndUnqualifiedNamesGoToTheAdmin(string address)
    {
        var rewritten = Rewriter.Rewrite(new EnvelopeRecipient(address, DsnNotify.Failure, null));

        Assert.Equal("admin@example.org", rewritten.Address);
        Assert.Equal(DsnNotify.Failure, rewritten.Notify);
    }

    [Theory]
    [InlineData("alice@example.com")]
    [InlineData("root@example.com")]
    [InlineData("postmaster@gmail.com")]
    [InlineData("alice@nas.home.arpa")]
    [InlineData("rooted@nas")]
    public void OtherRecipientsAreUnchanged(string address)
    {
        var recipient = new EnvelopeRecipient(address, DsnNotify.Default, null);

        Assert.Same(recipient, Rewriter.Rewrite(recipient));
    }

    [Fact]
    public void RedirectedRecipientKeepsTheOriginalAsOrcpt()
    {
        var rewritten = Rewriter.Rewrite(new EnvelopeRecipient("root@nas", DsnNotify.Default, null));

        Assert.Equal("rfc822;root@nas", rewritten.OriginalRecipient);
    }

    [Fact]
    public void OrcptIsXtextEncoded()
    {
        var rewritten = Rewriter.Rewrite(new EnvelopeRecipient("\"a+b=c\"", DsnNotify.Default, null));

        Assert.Equal("rfc822;\"a+2Bb+3Dc\"", rewritten.OriginalRecipient);
        Assert.True(XText.IsValid(System.Text.Encoding.ASCII.GetBytes(rewritten.OriginalRecipient!["rfc822;".Length..])));
    }

    [Fact]
    public void OrcptTheClientSentIsKept()
    {
        var rewritten = Rewriter.Rewrite(new EnvelopeRecipient("root", DsnNotify.Default, "rfc822;operator@printer"));

        Assert.Equal("admin@example.org", rewritten.Address);
        Assert.Equal("rfc822;operator@printer", rewritten.OriginalRecipient);
    }

    [Fact]
    public void RewritingTwiceEqualsRewritingOnce()
    {
        var once = Rewriter.Rewrite(new EnvelopeRecipient("postmaster", DsnNotify.Default, null));

        Assert.Equal(once, Rewriter.Rewrite(once));
    }

    [Fact]
    public void ListIsRewrittenOneForOneInOrder()
    {
        EnvelopeRecipient[] recipients =
        [
            new("alice@example.com", DsnNotify.Default, null),
            new("root", DsnNotify.Default, null),
            new("postmaster@nas", DsnNotify.Default, null),
        ];

        var rewritten = Rewriter.Rewrite(recipients);

        Assert.Equal(["alice@example.com", "admin@example.org", "admin@example.org"], rewritten.Select(r => r.Address));
    }

    [Fact]
    public void UnqualifiedAdminAddressIsRefused()
    {
        Assert.Throws<ArgumentException>(() => new RecipientRewriter("root", "nas", []));
    }
}
