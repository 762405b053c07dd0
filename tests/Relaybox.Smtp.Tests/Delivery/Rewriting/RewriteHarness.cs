using System.Text;
using Relaybox.Smtp.Delivery.Rewriting;
using Relaybox.Smtp.Protocol;
using Relaybox.Smtp.Queue;
using Relaybox.Smtp.Tests.Delivery.Client;

namespace Relaybox.Smtp.Tests.Delivery.Rewriting;

/// <summary>Runs messages through the rewriters the way delivery does, over streams that trickle bytes.</summary>
internal static class RewriteHarness
{
    public const string QueueId = "0123456789ABCDEFGHJKMNPQRS";
    public const string HostName = "relay.home.arpa";
    public static readonly DateTimeOffset AcceptedAt = new(2026, 11, 22, 15, 0, 0, TimeSpan.Zero);

    public static Envelope Envelope(string sender, params string[] recipients) =>
        new(sender, [.. recipients.Select(r => new EnvelopeRecipient(r, DsnNotify.Default, null))], BodyType.EightBitMime, false,
            DsnReturn.Unspecified, null, null, "192.0.2.7", "printer", AcceptedAt);

    public static MessageRewriter Rewriter(SenderRewriteMap? map = null, int maxHeaderOctets = HeaderSectionReader.DefaultMaxHeaderOctets) =>
        new(new RecipientRewriter("admin@example.org", HostName, ["lan"]), new SenderRewriter(map ?? SenderRewriteMap.Empty), new HeaderFixer(HostName), maxHeaderOctets);

    public static async Task<(byte[] Content, RewrittenMessage Message)> RunAsync(MessageRewriter rewriter, Envelope envelope, byte[] content, int chunk = 7)
    {
        var message = await rewriter.RewriteAsync(QueueId, envelope, new ChunkedStream(content, chunk), content.Length);
        using var output = new MemoryStream();
        await message.Content.CopyToAsync(output);
        await message.Content.DisposeAsync();
        return (output.ToArray(), message);
    }

    public static async Task<string> RewriteTextAsync(string message, SenderRewriteMap? map = null, string sender = "scanner@printer.lan")
    {
        var (content, _) = await RunAsync(Rewriter(map), Envelope(sender, "alice@example.com"), Encoding.UTF8.GetBytes(message));
        return Encoding.UTF8.GetString(content);
    }

    public static async Task<HeaderSection?> ReadSectionAsync(string message, int chunk = 1, int max = HeaderSectionReader.DefaultMaxHeaderOctets)
    {
        var read = await HeaderSectionReader.ReadAsync(new ChunkedStream(Encoding.UTF8.GetBytes(message), chunk), max);
        return read.Section;
    }

    public static bool HasBareLineFeed(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r'))
            {
                return true;
            }
        }

        return false;
    }

    public static int CountFields(string message, string name)
    {
        int end = message.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var header = end < 0 ? message : message[..(end + 2)];
        return header.Split("\r\n").Count(line => line.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase));
    }
}
