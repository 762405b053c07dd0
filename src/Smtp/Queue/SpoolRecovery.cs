namespace Relaybox.Smtp.Queue;

/// <summary>
/// Brings the queue back to a consistent state at start, before the server listens and before delivery runs.
/// The recovery rule follows from the write order of <see cref="SpoolMessage"/> and <see cref="QueueDirectory"/>:
/// <list type="bullet">
/// <item>incoming/ is wiped: nothing in it was ever acknowledged;</item>
/// <item>".*.tmp" files in the folders are unfinished envelope writes: removed;</item>
/// <item>a ".msg" whose ".env" is in another folder was being moved (content moves first): the envelope and
/// state follow it into the content's folder;</item>
/// <item>a ".msg" with no ".env" anywhere is an unfinished commit (or an interrupted removal): removed with
/// its ".state";</item>
/// <item>an ".env" that does not parse, or has no content anywhere, cannot come from a crash of ours: it is
/// reported and left in place, because accepted mail is never deleted on a guess.</item>
/// </list>
/// </summary>
public sealed class SpoolRecovery(QueueDirectory directory)
{
    public RecoveryReport RecoverAfterCrash()
    {
        var fileSystem = directory.FileSystem;
        int incoming = RemoveAll(directory.IncomingPath, "*");
        int temporary = 0;
        foreach (var folder in QueueDirectory.Folders)
        {
            temporary += RemoveAll(directory.FolderPath(folder), ".*.tmp");
        }

        int orphans = 0;
        int reunited = 0;
        foreach (string id in AllIds())
        {
            QueueFolder? content = FolderWith(id, QueueDirectory.MessageExtension);
            QueueFolder? envelope = FolderWith(id, QueueDirectory.EnvelopeExtension);
            if (content is not { } target)
            {
                if (envelope is null)
                {
                    RemoveStates(id); // state of a message whose removal was interrupted
                }

                continue;
            }

            if (File.Exists(directory.EnvelopePath(target, id)))
            {
                continue;
            }

            if (envelope is { } source)
            {
                if (File.Exists(directory.StatePath(source, id)))
                {
                    fileSystem.Rename(directory.StatePath(source, id), directory.StatePath(target, id));
                }

                fileSystem.Rename(directory.EnvelopePath(source, id), directory.EnvelopePath(target, id));
                fileSystem.FlushDirectory(directory.FolderPath(target));
                reunited++;
            }
            else
            {
                fileSystem.Delete(directory.StatePath(target, id));
                fileSystem.Delete(directory.MessagePath(target, id));
                orphans++;
            }
        }

        foreach (var folder in QueueDirectory.Folders)
        {
            fileSystem.FlushDirectory(directory.FolderPath(folder));
        }

        fileSystem.FlushDirectory(directory.IncomingPath);
        return Summarise(incoming, temporary, orphans, reunited);
    }

    private RecoveryReport Summarise(int incoming, int temporary, int orphans, int reunited)
    {
        var reader = new SpoolReader(directory);
        int complete = 0;
        var corrupt = new List<CorruptQueueEntry>();
        foreach (var folder in QueueDirectory.Folders)
        {
            var listing = reader.List(folder);
            complete += listing.Messages.Count;
            corrupt.AddRange(listing.Corrupt);
        }

        return new RecoveryReport(incoming, temporary, orphans, reunited, complete, corrupt);
    }

    /// <summary>Every id with a file in any folder, in id order.</summary>
    private SortedSet<string> AllIds()
    {
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var folder in QueueDirectory.Folders)
        {
            string path = directory.FolderPath(folder);
            foreach (string extension in (string[])[QueueDirectory.MessageExtension, QueueDirectory.EnvelopeExtension, QueueDirectory.StateExtension])
            {
                ids.UnionWith(SpoolReader.IdsWithExtension(path, extension));
            }
        }

        return ids;
    }

    private QueueFolder? FolderWith(string id, string extension)
    {
        foreach (var folder in QueueDirectory.Folders)
        {
            if (File.Exists(Path.Combine(directory.FolderPath(folder), id + extension)))
            {
                return folder;
            }
        }

        return null;
    }

    private void RemoveStates(string id)
    {
        foreach (var folder in QueueDirectory.Folders)
        {
            directory.FileSystem.Delete(directory.StatePath(folder, id));
        }
    }

    private int RemoveAll(string folderPath, string pattern)
    {
        if (!Directory.Exists(folderPath))
        {
            return 0;
        }

        int removed = 0;
        foreach (string path in Directory.EnumerateFiles(folderPath, pattern))
        {
            directory.FileSystem.Delete(path);
            removed++;
        }

        return removed;
    }
}
