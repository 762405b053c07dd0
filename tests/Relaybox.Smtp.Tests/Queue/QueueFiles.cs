using Relaybox.Smtp.Queue;

namespace Relaybox.Smtp.Tests.Queue;

/// <summary>Reading queued content the way delivery does, through <see cref="QueuedMessage.OpenContent"/>.</summary>
internal static class QueueFiles
{
    public static async Task<byte[]> ReadContentAsync(QueuedMessage message)
    {
        await using var content = message.OpenContent();
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy);
        return copy.ToArray();
    }
}
