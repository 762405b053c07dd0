using System.Text;
using Relaybox.Smtp.Delivery.Rewriting;

namespace Relaybox.Smtp.Tests.Delivery.Rewriting;

/// <summary>Every split of the input and random header-ish noise: the same section, no exception, no lost octet.</summary>
public sealed class RewriteRobustnessTests
{
    private static readonly SenderRewriteMap Map = new(new Dictionary<string, string> { ["*"] = "devices@example.org" });

    [Fact]
    public async Task EveryChunkSizeGivesTheSameOutput()
    {
        var message = Encoding.ASCII.GetBytes("From: Job\r\n <root@nas>\r\nSubject: a\r\n\tb\r\nbody line\r\nmore\r\n");
        var (expected, _) = await RewriteHarness.RunAsync(RewriteHarness.Rewriter(Map), RewriteHarness.Envelope("root", "root"), message, chunk: message.Length);

        for (int chunk = 1; chunk < message.Length; chunk++)
        {
            var (content, _) = await RewriteHarness.RunAsync(RewriteHarness.Rewriter(Map), RewriteHarness.Envelope("root", "root"), message, chunk);
            Assert.Equal(expected, content);
        }
    }

    [Fact]
    public async Task EveryPrefixOfAMessageIsHandledAndKeepsItsOctets()
    {
        var message = Encoding.ASCII.GetBytes("From: a@b\r\nSubject: x\r\n y\r\n\r\nbody\r\n");
        for (int length = 0; length <= message.Length; length++)
        {
            var prefix = message[..length];
            var read = await HeaderSectionReader.ReadAsync(new MemoryStream(prefix));
            Assert.NotNull(read.Section);

            using var rest = new MemoryStream();
            await read.Rest.CopyToAsync(rest);
            int fieldOctets = read.Section.Fields.Sum(f => f.Raw.Length) + read.Section.Separator.Length;
            Assert.Equal(read.Section.Length, fieldOctets);
            byte[] replayed = [.. prefix[..read.Section.Length], .. rest.ToArray()];
            Assert.Equal(prefix, replayed);
        }
    }

    [Fact]
    public async Task RandomHeaderNoiseRewritesIdempotentlyWithoutBareLineFeeds()
    {
        var random = new Random(11);
        string[] pieces = ["From: ", "from:", "Date: x", "Message-ID: <a@b>", "root", " <a@b>", "\"q, r\"", "(c)", "\r\n", "\r\n ", "\r\n\t", ":", ",", "x", "@", "\r\n\r\n"];
        for (int round = 0; round < 300; round++)
        {
            var text = new StringBuilder();
            int count = random.Next(1, 20);
            for (int i = 0; i < count; i++)
            {
                text.Append(pieces[random.Next(pieces.Length)]);
            }

            var message = Encoding.ASCII.GetBytes(text.ToString());
            var (once, first) = await RewriteHarness.RunAsync(RewriteHarness.Rewriter(Map), RewriteHarness.Envelope("root", "root"), message, chunk: 1 + (round % 5));
            var (twice, _) = await RewriteHarness.RunAsync(RewriteHarness.Rewriter(Map), first.Envelope, once);

            Assert.Equal(once.Length, first.Size);
            Assert.Equal(Encoding.ASCII.GetString(once), Encoding.ASCII.GetString(twice));
            Assert.False(RewriteHarness.HasBareLineFeed(Encoding.ASCII.GetString(once)));
        }
    }
}
