using Relaybox.Smtp.Storage;

namespace Relaybox.Smtp.Queue.Delivery;

/// <summary>
/// Reads and writes "&lt;id&gt;.state" beside a message's queue file. A missing file is a message nobody has
/// tried yet. Every write replaces the file atomically through <see cref="SafeFile"/> (temporary file,
/// fsync, rename, directory fsync), so a crash leaves the old state or the new, never a mix — the rule the
/// queue manager relies on to never deliver twice to a recipient recorded as delivered.
/// </summary>
public sealed class DeliveryStateStore(QueueDirectory directory)
{
    private readonly SafeFile safeFile = new(directory.FileSystem);

    public DeliveryState Load(QueuedMessage message) => Load(message.Folder, message.Id, message.Envelope);

    /// <summary>
    /// The saved state of a message, or <see cref="DeliveryState.Fresh"/> when none was saved. Throws
    /// <see cref="DeliveryStateFormatException"/> when the file is damaged or does not fit the envelope
    /// (other recipients), and <see cref="IOException"/> when it cannot be read.
    /// </summary>
    public DeliveryState Load(QueueFolder folder, string id, Envelope envelope)
    {
        byte[]? file = ReadBounded(directory.StatePath(folder, id));
        if (file is null)
        {
            return DeliveryState.Fresh(envelope);
        }

        var state = DeliveryStateSerializer.Read(file);
        CheckMatches(state, envelope);
        return state;
    }

    /// <summary>Replaces the state file (mode 0600, like the queue file); returns once the new state is durable.</summary>
    public void Save(QueueFolder folder, string id, DeliveryState state)
    {
        byte[] file = DeliveryStateSerializer.Write(state);
        safeFile.WriteAllBytes(directory.StatePath(folder, id), file, QueueDirectory.FileMode);
    }

    private static byte[]? ReadBounded(string path)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        }
        catch (FileNotFoundException)
        {
            return null;
        }

        using (stream)
        {
            if (stream.Length > DeliveryStateSerializer.MaxFileLength)
            {
                throw new DeliveryStateFormatException($"file is larger than {DeliveryStateSerializer.MaxFileLength} bytes", 0);
            }

            byte[] content = new byte[stream.Length];
            stream.ReadExactly(content);
            return content;
        }
    }

    /// <summary>A state written for other recipients (a copied or mixed-up file) must not steer this message's delivery.</summary>
    private static void CheckMatches(DeliveryState state, Envelope envelope)
    {
        if (state.Recipients.Count != envelope.Recipients.Count)
        {
            throw new DeliveryStateFormatException(
                $"{state.Recipients.Count} recipients, but the envelope has {envelope.Recipients.Count}", 0);
        }

        for (int i = 0; i < state.Recipients.Count; i++)
        {
            if (!string.Equals(state.Recipients[i].Address, envelope.Recipients[i].Address, StringComparison.Ordinal))
            {
                throw new DeliveryStateFormatException(
                    $"recipient {i + 1} is \"{state.Recipients[i].Address}\", but the envelope has \"{envelope.Recipients[i].Address}\"", 0);
            }
        }
    }
}
