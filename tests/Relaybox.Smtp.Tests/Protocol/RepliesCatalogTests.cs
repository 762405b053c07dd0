using System.Text;
using Relaybox.Smtp.Protocol;
using Relaybox.Smtp.Relay;

namespace Relaybox.Smtp.Tests.Protocol;

public class RepliesCatalogTests
{
    public static IEnumerable<object[]> EveryReply()
    {
        foreach (var reply in Replies.All)
        {
            yield return [reply];
        }

        yield return [Replies.Greeting("relay.home.arpa")];
        yield return [Replies.HeloAccepted("relay.home.arpa")];
        yield return [Replies.QueuedAs("0123456789ABCDEF")];
        yield return [Replies.ChunkReceived(4096)];
        yield return [Replies.EhloAccepted("relay.home.arpa", ["PIPELINING", "SIZE 10240000"])];
        foreach (CommandError error in Enum.GetValues<CommandError>().Where(e => e != CommandError.None))
        {
            yield return [Replies.For(error)];
        }

        foreach (RelayRejectReason reason in Enum.GetValues<RelayRejectReason>())
        {
            yield return [Replies.For(reason)];
        }
    }

    [Theory]
    [MemberData(nameof(EveryReply))]
    public void EnhancedStatusClassMatchesTheReplyClass(SmtpReply reply)
    {
        if (reply.EnhancedStatus is null)
        {
            return;
        }

        Assert.Equal((char)('0' + (reply.Code / 100)), reply.EnhancedStatus[0]);
        Assert.Matches(@"^[245]\.\d{1,3}\.\d{1,3}$", reply.EnhancedStatus);
    }

    [Theory]
    [MemberData(nameof(EveryReply))]
    public void RepliesAreAsciiAndShorterThan512OctetsPerLine(SmtpReply reply)
    {
        Assert.True(Ascii.IsValid(reply.Bytes.Span));
        foreach (var line in Encoding.ASCII.GetString(reply.Bytes.Span).Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.True(line.Length + 2 < 512, line);
        }
    }

    [Theory]
    [MemberData(nameof(EveryReply))]
    public void EveryLineEndsInCrlfAndCarriesTheCode(SmtpReply reply)
    {
        string text = Encoding.ASCII.GetString(reply.Bytes.Span);
        Assert.EndsWith("\r\n", text);
        var lines = text[..^2].Split("\r\n");
        for (int i = 0; i < lines.Length; i++)
        {
            Assert.StartsWith(reply.Code + (i == lines.Length - 1 ? " " : "-"), lines[i]);
            Assert.DoesNotContain('\n', lines[i]);
        }
    }

    [Fact]
    public void EveryFixedReplyExceptIntermediateOnesCarriesAnEnhancedStatus()
    {
        foreach (var reply in Replies.All.Where(r => r.Code is not 354))
        {
            Assert.NotNull(reply.EnhancedStatus);
        }
    }

    [Fact]
    public void GreetingHasNoVersionAndNoEnhancedCode()
    {
        var greeting = Replies.Greeting("relay.home.arpa");
        Assert.Equal("220 relay.home.arpa ESMTP relaybox\r\n", greeting.ToString());
        Assert.DoesNotMatch(@"\d+\.\d+", greeting.Text);
    }

    [Fact]
    public void ClosingRepliesAreMarkedToClose()
    {
        Assert.True(Replies.Bye.CloseConnection);
        Assert.All(Replies.All.Where(r => r.Code == 421), r => Assert.True(r.CloseConnection));
        Assert.All(Replies.All.Where(r => r.Code is not 421 and not 221), r => Assert.False(r.CloseConnection));
    }

    [Fact]
    public void AuthChallengeIsBase64OnA334Line() =>
        Assert.Equal("334 UGFzc3dvcmQ6\r\n", Encoding.ASCII.GetString(Replies.AuthChallenge("Password:"u8)));

    [Fact]
    public void EmptyAuthChallengeIsA334WithNothingAfterTheSpace() =>
        Assert.Equal("334 \r\n", Encoding.ASCII.GetString(Replies.AuthChallenge([])));
}
