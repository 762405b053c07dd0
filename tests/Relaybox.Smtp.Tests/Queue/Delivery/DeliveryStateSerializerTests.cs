using System.Text;
using Relaybox.Smtp.Queue.Delivery;

namespace Relaybox.Smtp.Tests.Queue.Delivery;

public sealed class DeliveryStateSerializerTests
{
    private static DeliveryState RoundTrip(DeliveryState state) => DeliveryStateSerializer.Read(DeliveryStateSerializer.Write(state));

    private static string Text(DeliveryState state) => Encoding.ASCII.GetString(DeliveryStateSerializer.Write(state));

    private static DeliveryStateFormatException ReadFails(string text) =>
        Assert.Throws<DeliveryStateFormatException>(() => DeliveryStateSerializer.Read(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void RoundTripKeepsEveryFieldOfEveryStatus()
    {
        var state = DeliveryStateSamples.Mixed();

        DeliveryStateAssert.Equal(state, RoundTrip(state));
    }

    [Fact]
    public void FreshStateRoundTripsWithAbsentTimes()
    {
        var fresh = DeliveryState.Fresh(TemporaryQueue.SampleEnvelope(DeliveryStateSamples.Arrival));

        var read = RoundTrip(fresh);

        DeliveryStateAssert.Equal(fresh, read);
        Assert.Null(read.FirstAttempt);
        Assert.Null(read.NextAttempt);
        Assert.All(read.Recipients, r => Assert.Equal(RecipientStatus.Pending, r.Status));
        Assert.DoesNotContain("next-attempt", Text(fresh), StringComparison.Ordinal);
    }

    [Fact]
    public void RoundTripKeepsOddCharacters()
    {
        var odd = DeliveryStateSamples.Mixed() with
        {
            HeldReason = "held by admin: \"check\"\r\n100% sure\u0000",
            Recipients =
            [
                new RecipientState("\"a b\"@b\u00FCcher.example", RecipientStatus.Deferred, 421, "4.4.2", "line one\r\nline two with % and = and tab\t", "[IPv6:::1]"),
                new RecipientState("x=y%z@example.net", RecipientStatus.Failed, 554, null, "", "\u4F8B\u3048.jp"),
                new RecipientState("\u7528\u6237@\u4F8B\u3048.jp", RecipientStatus.Delivered, 250, "2.0.0", "status=ok address=evil@example.com", "h"),
            ],
        };

        var read = RoundTrip(odd);

        DeliveryStateAssert.Equal(odd, read);
        Assert.Equal(string.Empty, read.Recipients[1].ReplyText);
        Assert.Null(read.Recipients[1].EnhancedCode);
    }

    [Fact]
    public void FileIsOneLinePerFieldAndPerRecipient()
    {
        string[] lines = Text(DeliveryStateSamples.Mixed()).Split('\n');

        Assert.Equal("relaybox-delivery-state 1", lines[0]);
        Assert.Equal("attempts 3", lines[1]);
        Assert.Equal(4, lines.Count(l => l.StartsWith("rcpt ", StringComparison.Ordinal)));
        Assert.Contains("rcpt status=deferred code=451 enhanced=4.7.1 host=mx1.example.org text=Greylisted,%20try%20again%20later address=carol@example.org", lines);
        Assert.Contains("rcpt status=pending address=root", lines);
        Assert.Contains("rcpt status=failed code=550 enhanced=5.1.1 host=mx.example.com text=No%20such%20user bounced=yes address=dave@example.com", lines);
        Assert.Equal("end", lines[^2]);
        Assert.Equal(string.Empty, lines[^1]);
    }

    [Fact]
    public void HeldReasonIsWrittenOnlyWhenHeld()
    {
        var held = DeliveryStateSamples.Mixed() with { HeldReason = "queue hold" };

        Assert.Contains("\nheld queue%20hold\n", Text(held), StringComparison.Ordinal);
        Assert.DoesNotContain("\nheld ", Text(DeliveryStateSamples.Mixed()), StringComparison.Ordinal);
        Assert.True(RoundTrip(held).IsHeld);
    }

    [Theory]
    [InlineData("relaybox-delivery-state 1\nattempts 1\ndelay-warning-sent no\nrcpt status=pending address=a@b\n", 0, "no end line")]
    [InlineData("relaybox-delivery-state 1\nattempts 1\ndelay-warning-sent no\nrcpt status=pending address=a@b\nend", 0, "truncated")]
    [InlineData("relaybox-envelope 1\nend\n", 1, "not a relaybox delivery state file")]
    [InlineData("relaybox-delivery-state 2\nend\n", 1, "unsupported delivery state version \"2\"")]
    [InlineData("relaybox-delivery-state 1\nattempts x1\ndelay-warning-sent no\nrcpt status=pending address=a@b\nend\n", 2, "bad attempts")]
    [InlineData("relaybox-delivery-state 1\nattempts 1\nattempts 2\ndelay-warning-sent no\nrcpt status=pending address=a@b\nend\n", 3, "appears twice")]
    [InlineData("relaybox-delivery-state 1\nattempts 1\ndelay-warning-sent maybe\nrcpt status=pending address=a@b\nend\n", 3, "bad delay-warning-sent")]
    [InlineData("relaybox-delivery-state 1\nattempts 1\nnext-attempt tomorrow\ndelay-warning-sent no\nrcpt status=pending address=a@b\nend\n", 3, "bad next-attempt")]
    [InlineData("relaybox-delivery-state 1\nattempts 1\ndelay-warning-sent no\ncolour blue\nrcpt status=pending address=a@b\nend\n", 4, "unknown field \"colour\"")]
    [InlineData("relaybox-delivery-state 1\nattempts 1\ndelay-warning-sent no\nrcpt status=lost address=a@b\nend\n", 4, "bad status \"lost\"")]
    [InlineData("relaybox-delivery-state 1\nattempts 1\ndelay-warning-sent no\nrcpt status=failed code=99 address=a@b\nend\n", 4, "bad reply code \"99\"")]
    [InlineData("relaybox-delivery-state 1\nattempts 1\ndelay-warning-sent no\nrcpt status=failed code=+55 address=a@b\nend\n", 4, "bad reply code")]
    [InlineData("relaybox-delivery-state 1\nattempts 1\ndelay-warning-sent no\nrcpt status=pending\nend\n", 4, "without status or address")]
    [InlineData("relaybox-delivery-state 1\nattempts 1\ndelay-warning-sent no\nrcpt status=failed bounced=no address=a@b\nend\n", 4, "bad bounced \"no\"")]
    [InlineData("relaybox-delivery-state 1\nattempts 1\ndelay-warning-sent no\nrcpt status=failed address=a@b bounced=yes\nend\n", 4, "out of order")]
    [InlineData("relaybox-delivery-state 1\nattempts 1\ndelay-warning-sent no\nrcpt address=a@b status=pending\nend\n", 4, "out of order")]
    [InlineData("relaybox-delivery-state 1\nattempts 1\ndelay-warning-sent no\nrcpt status=pending address=a@b address=c@d\nend\n", 4, "out of order or repeated")]
    [InlineData("relaybox-delivery-state 1\nattempts 1\ndelay-warning-sent no\nrcpt status=pending text=%4 address=a@b\nend\n", 4, "badly escaped")]
    [InlineData("relaybox-delivery-state 1\nattempts 1\ndelay-warning-sent no\nrcpt status=pending address=a@b\nheld x\nend\n", 5, "after the recipients")]
    [InlineData("relaybox-delivery-state 1\nattempts 1\ndelay-warning-sent no\nrcpt status=pending address=a@b\nend\nrcpt status=pending address=c@d\n", 6, "after the end line")]
    [InlineData("relaybox-delivery-state 1\nattempts 1\ndelay-warning-sent no\nend\n", 0, "no recipients")]
    [InlineData("relaybox-delivery-state 1\ndelay-warning-sent no\nrcpt status=pending address=a@b\nend\n", 0, "missing field attempts")]
    [InlineData("relaybox-delivery-state 1\nattempts 1\n\ndelay-warning-sent no\nrcpt status=pending address=a@b\nend\n", 3, "expected \"name value\"")]
    public void CorruptFileIsReportedWithItsLine(string text, int line, string reason)
    {
        var error = ReadFails(text);

        Assert.Equal(line, error.LineNumber);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        if (line > 0)
        {
            Assert.StartsWith($"delivery state line {line}: ", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void NonAsciiBytesAreRefused()
    {
        var error = ReadFails("relaybox-delivery-state 1\nattempts 1\ndelay-warning-sent no\nrcpt status=pending address=\u00E9@b\nend\n");

        Assert.Contains("not ASCII", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryTruncationOfAValidFileIsRefused()
    {
        byte[] whole = DeliveryStateSerializer.Write(DeliveryStateSamples.Mixed());

        for (int length = 0; length < whole.Length; length++)
        {
            Assert.Throws<DeliveryStateFormatException>(() => DeliveryStateSerializer.Read(whole.AsSpan(0, length)));
        }
    }

    [Fact]
    public void OversizedFileIsRefusedBeforeParsing()
    {
        byte[] huge = new byte[DeliveryStateSerializer.MaxFileLength + 1];

        var error = Assert.Throws<DeliveryStateFormatException>(() => DeliveryStateSerializer.Read(huge));

        Assert.Contains("larger than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WritingAnImpossibleReplyCodeThrows()
    {
        var state = DeliveryStateSamples.Mixed();
        var bad = state.WithRecipient(0, state.Recipients[0] with { ReplyCode = 1000 });

        Assert.Throws<ArgumentOutOfRangeException>(() => DeliveryStateSerializer.Write(bad));
    }
}
