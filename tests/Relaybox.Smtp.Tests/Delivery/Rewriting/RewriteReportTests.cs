using Relaybox.Smtp.Delivery.Rewriting;

namespace Relaybox.Smtp.Tests.Delivery.Rewriting;

public sealed class RewriteReportTests
{
    [Fact]
    public void TheLogLineNamesEveryChange()
    {
        var report = new RewriteReport(2, true, FromRewrite.Rewritten, HeaderFixes.AddedDate | HeaderFixes.AddedMessageId, false);

        Assert.Equal("2 recipients to the admin, envelope sender rewritten, From rewritten (original in X-Original-From), Date added, Message-ID added",
            report.Describe());
    }

    [Fact]
    public void WhatCouldNotBeRewrittenIsSaid()
    {
        var report = new RewriteReport(0, true, FromRewrite.NotOneMailbox, HeaderFixes.None, false);

        Assert.Equal("envelope sender rewritten, From left alone: not one mailbox", report.Describe());
        Assert.Equal("nothing changed", new RewriteReport(0, false, FromRewrite.NoMapping, HeaderFixes.None, false).Describe());
        Assert.Equal("1 recipient to the admin, header too large to rewrite, passed on as it is",
            new RewriteReport(1, false, FromRewrite.HeaderNotRead, HeaderFixes.None, true).Describe());
    }
}
