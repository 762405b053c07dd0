using Microsoft.Win32.SafeHandles;

namespace Relaybox.Smtp.Queue;

/// <summary>
/// Lists committed messages: the ".q" files of a folder (see <see cref="QueueDirectory"/>). Each is read from
/// its end: the fixed-size trailer (<see cref="QueueFileTrailer"/>) gives the envelope's length, the envelope
/// is checked against the trailer's checksum and parsed, and the content is left on disk for
/// <see cref="QueuedMessage.OpenContent"/>. A file that fails any check is reported in
/// <see cref="QueueListing.Corrupt"/>, never skipped in silence.
/// </summary>
public sealed class SpoolReader(QueueDirectory directory)
{
    private const string LegacyEnvelopeExtension = ".env";

    public QueueListing List(QueueFolder folder)
    {
        var messages = new List<QueuedMessage>();
        var corrupt = new List<CorruptQueueEntry>();
        foreach (string id in QueueFileIds(directory.FolderPath(folder)))
        {
            var (message, problem) = ReadOne(folder, id);
            if (message is not null)
            {
                messages.Add(message);
            }
            else
            {
                corrupt.Add(new CorruptQueueEntry(id, folder, directory.QueueFilePath(folder, id), problem!));
            }
        }

        // Mail queued in the earlier two-file layout is not read, but it is never passed over in silence.
        foreach (string id in IdsWithExtension(directory.FolderPath(folder), LegacyEnvelopeExtension))
        {
            string path = Path.Combine(directory.FolderPath(folder), id + LegacyEnvelopeExtension);
            corrupt.Add(new CorruptQueueEntry(id, folder, path, "envelope of the earlier two-file queue layout (.msg + .env), which is not read"));
        }

        return new QueueListing(messages, corrupt);
    }

    /// <summary>Reads one message; null with a description of the problem when it is missing or not whole.</summary>
    public (QueuedMessage? Message, string? Problem) ReadOne(QueueFolder folder, string id)
    {
        string path = directory.QueueFilePath(folder, id);
        try
        {
            using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return Read(file, folder, id, path);
        }
        catch (EnvelopeFormatException e)
        {
            return (null, e.Message);
        }
        catch (FileNotFoundException)
        {
            return (null, "queue file is missing");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, "cannot read: " + e.Message);
        }
    }

    /// <summary>Ids of the ".q" files of a folder, in id (= arrival) order.</summary>
    internal static List<string> QueueFileIds(string folderPath) => IdsWithExtension(folderPath, QueueDirectory.QueueFileExtension);

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

    private static (QueuedMessage? Message, string? Problem) Read(SafeFileHandle file, QueueFolder folder, string id, string path)
    {
        long fileLength = RandomAccess.GetLength(file);
        if (fileLength < QueueFileTrailer.Length)
        {
            return (null, $"queue file is {fileLength} bytes, shorter than its trailer");
        }

        byte[] trailer = new byte[QueueFileTrailer.Length];
        ReadExactly(file, trailer, fileLength - QueueFileTrailer.Length);
        var (contentLength, envelopeLength, problem) = QueueFileTrailer.Parse(trailer);
        if (problem is not null)
        {
            return (null, problem);
        }

        // The lengths must account for every byte: anything else is a torn or spliced file.
        if (contentLength > fileLength || contentLength + envelopeLength + QueueFileTrailer.Length != fileLength)
        {
            return (null, $"queue file is {fileLength} bytes, its trailer says {contentLength} + {envelopeLength} + {QueueFileTrailer.Length}");
        }

        byte[] envelopeText = new byte[envelopeLength];
        ReadExactly(file, envelopeText, contentLength);
        if (!QueueFileTrailer.ChecksumMatches(trailer, envelopeText))
        {
            return (null, "queue file envelope does not match its checksum");
        }

        var envelope = EnvelopeSerializer.Read(envelopeText);
        return (new QueuedMessage(id, folder, envelope, contentLength, envelope.ReceivedAt, path), null);
    }

    private static void ReadExactly(SafeFileHandle file, Span<byte> destination, long offset)
    {
        while (!destination.IsEmpty)
        {
            int read = RandomAccess.Read(file, destination, offset);
            if (read == 0)
            {
                throw new EndOfStreamException("queue file ended early");
            }

            destination = destination[read..];
            offset += read;
        }
    }
}
