using System.Text;
using Relaybox.Smtp.Queue;
using Relaybox.Smtp.Storage;

namespace Relaybox.Integration.Tests.Harness;

/// <summary>Reads a running instance's queue with the same reader the daemon uses.</summary>
public static class QueueContents
{
    public sealed record Message(string Id, Envelope Envelope, string Content);

    public static IReadOnlyList<Message> All(RelayboxInstance relay)
    {
        var reader = new SpoolReader(new QueueDirectory(relay.QueueDirectory, PhysicalFileSystem.Instance));
        var messages = new List<Message>();
        foreach (var folder in QueueDirectory.Folders)
        {
            var listing = reader.List(folder);
            Assert.Empty(listing.Corrupt);
            messages.AddRange(listing.Messages.Select(m => new Message(m.Id, m.Envelope, ReadContent(m))));
        }

        return messages;
    }

    /// <summary>The content as delivery reads it: through the bounded stream, not the whole queue file.</summary>
    private static string ReadContent(QueuedMessage message)
    {
        using var content = message.OpenContent();
        using var copy = new MemoryStream();
        content.CopyTo(copy);
        Assert.Equal(message.Size, copy.Length);
        return Encoding.UTF8.GetString(copy.ToArray());
    }

    public static Message Read(RelayboxInstance relay, string id) =>
        All(relay).SingleOrDefault(m => m.Id == id) ?? throw new Xunit.Sdk.XunitException($"message {id} is not in the queue");
}
