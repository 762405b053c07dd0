namespace Relaybox.Smtp.Queue;

/// <summary>
/// Lists committed messages: those whose ".env" exists (see <see cref="QueueDirectory"/>). A ".msg" without
/// an envelope is an unfinished commit and is not listed; an envelope that does not parse is reported in
/// <see cref="QueueListing.Corrupt"/>, never skipped in silence.
/// </summary>
public sealed class SpoolReader(QueueDirectory directory)
{
    public QueueListing List(QueueFolder folder)
    {
        var messages = new List<QueuedMessage>();
        var corrupt = new List<CorruptQueueEntry>();
        foreach (string id in EnvelopeIds(directory, folder))
        {
            var (message, problem) = ReadOne(folder, id);
            if (message is not null)
            {
                messages.Add(message);
            }
            else
            {
                corrupt.Add(new CorruptQueueEntry(id, folder, directory.EnvelopePath(folder, id), problem!));
            }
        }

        return new QueueListing(messages, corrupt);
    }

    /// <summary>Reads one message; null with a description of the problem when it is not whole.</summary>
    public (QueuedMessage? Message, string? Problem) ReadOne(QueueFolder folder, string id)
    {
        string envelopePath = directory.EnvelopePath(folder, id);
        string messagePath = directory.MessagePath(folder, id);
        try
        {
            var info = new FileInfo(envelopePath);
            if (info.Length > EnvelopeSerializer.MaxFileLength)
            {
                return (null, $"envelope is larger than {EnvelopeSerializer.MaxFileLength} bytes");
            }

            var envelope = EnvelopeSerializer.Read(File.ReadAllBytes(envelopePath));
            var content = new FileInfo(messagePath);
            if (!content.Exists)
            {
                return (null, "message content file is missing");
            }

            return (new QueuedMessage(id, folder, envelope, content.Length, envelope.ReceivedAt, messagePath), null);
        }
        catch (EnvelopeFormatException e)
        {
            return (null, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, "cannot read: " + e.Message);
        }
    }

    /// <summary>Ids of the ".env" files of a folder, in id (= arrival) order.</summary>
    internal static List<string> EnvelopeIds(QueueDirectory directory, QueueFolder folder) =>
        IdsWithExtension(directory.FolderPath(folder), QueueDirectory.EnvelopeExtension);

    internal static List<string> IdsWithExtension(string folderPath, string extension)
    {
        var ids = new List<string>();
        if (!Directory.Exists(folderPath))
        {
            return ids;
        }

        foreach (string path in Directory.EnumerateFiles(folderPath, "*" + extension))
        {
            string name = Path.GetFileName(path);
            if (name.EndsWith(extension, StringComparison.Ordinal) && QueueIdGenerator.IsValid(name.AsSpan(0, name.Length - extension.Length)))
            {
                ids.Add(name[..^extension.Length]);
            }
        }

        ids.Sort(StringComparer.Ordinal);
        return ids;
    }
}
