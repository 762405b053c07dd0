using Relaybox.Smtp.Storage;

namespace Relaybox.Smtp.Queue;

/// <summary>
/// Brings the queue back to a consistent state at start, before the server listens and before delivery runs.
/// The recovery rule follows from the write order of <see cref="SpoolMessage"/> and <see cref="QueueDirectory"/>:
/// <list type="bullet">
/// <item>incoming/ is wiped: nothing in it was ever acknowledged;</item>
/// <item>".*.tmp" files in the folders are unfinished atomic writes (<see cref="SafeFile"/>): removed;</item>
/// <item>a ".state" whose ".q" is in another folder was left behind by an interrupted move (the queue file
/// moves first): it follows its message;</item>
/// <item>a ".state" with no ".q" anywhere belongs to a message whose removal was interrupted: removed;</item>
/// <item>a ".q" in two folders: rename(2) is atomic, so our moves cannot cause it, but a file system without
/// a journal may keep both names after a power cut. When both names read back as the same file (equal
/// length and envelope), one is kept, in the order hold, deferred, active (the choice that delivers least
/// eagerly: a message the admin held stays held), and the other name is removed. Two different files under
/// one id are reported and both left;</item>
/// <item>a ".q" whose trailer, checksum or envelope does not check out cannot come from a crash of ours
/// (it gets its name only once fsynced whole): it is reported and left in place, with its ".state",
/// because accepted mail is never deleted on a guess.</item>
/// </list>
/// </summary>
public sealed class SpoolRecovery(QueueDirectory directory)
{
    /// <summary>Which copy of a doubly named queue file is kept: the first folder of this list that has one.</summary>
    private static readonly QueueFolder[] KeepOrder = [QueueFolder.Hold, QueueFolder.Deferred, QueueFolder.Active];

    private IFileSystem FileSystem => directory.FileSystem;

    public RecoveryReport RecoverAfterCrash()
    {
        var tally = new Tally { IncomingRemoved = RemoveAll(directory.IncomingPath, "*") };
        foreach (var folder in QueueDirectory.Folders)
        {
            tally.TemporaryFilesRemoved += RemoveAll(directory.FolderPath(folder), ".*.tmp");
        }

        var reader = new SpoolReader(directory);
        foreach (string id in AllIds())
        {
            QueueFolder? home = ResolveQueueFile(reader, id, tally);
            SettleState(id, home, tally);
        }

        foreach (var folder in QueueDirectory.Folders)
        {
            FileSystem.FlushDirectory(directory.FolderPath(folder));
        }

        FileSystem.FlushDirectory(directory.IncomingPath);
        return Summarise(reader, tally);
    }

    /// <summary>The folder the message of <paramref name="id"/> lives in after recovery, or null when it has no queue file.</summary>
    private QueueFolder? ResolveQueueFile(SpoolReader reader, string id, Tally tally)
    {
        var folders = KeepOrder.Where(folder => File.Exists(directory.QueueFilePath(folder, id))).ToList();
        if (folders.Count <= 1)
        {
            return folders.Count == 1 ? folders[0] : null;
        }

        var copies = folders.Select(folder => (Folder: folder, reader.ReadOne(folder, id).Message)).ToList();
        var readable = copies.Where(copy => copy.Message is not null).ToList();
        if (readable.Count == 0)
        {
            return folders[0]; // all reported as corrupt by the listing; the state stays with the first
        }

        var kept = readable[0];
        foreach (var other in readable.Skip(1))
        {
            if (SameFile(kept.Message!, other.Message!))
            {
                FileSystem.Delete(directory.QueueFilePath(other.Folder, id));
                FileSystem.FlushDirectory(directory.FolderPath(other.Folder));
                tally.DuplicatesRemoved++;
            }
            else
            {
                tally.Conflicts.Add(new CorruptQueueEntry(
                    id,
                    other.Folder,
                    directory.QueueFilePath(other.Folder, id),
                    $"another, different queue file with this id is in {kept.Folder.ToString().ToLowerInvariant()}/"));
            }
        }

        return kept.Folder;
    }

    /// <summary>Moves a left-behind ".state" to its message, or removes it when the message is gone.</summary>
    private void SettleState(string id, QueueFolder? home, Tally tally)
    {
        var states = QueueDirectory.Folders.Where(folder => File.Exists(directory.StatePath(folder, id))).ToList();
        if (home is { } target && !states.Contains(target) && states.Count > 0)
        {
            FileSystem.Rename(directory.StatePath(states[0], id), directory.StatePath(target, id));
            FileSystem.FlushDirectory(directory.FolderPath(target));
            states.RemoveAt(0);
            tally.Reunited++;
        }

        foreach (var folder in states.Where(folder => folder != home))
        {
            FileSystem.Delete(directory.StatePath(folder, id));
            tally.OrphansRemoved++;
        }
    }

    private static bool SameFile(QueuedMessage first, QueuedMessage second) =>
        new FileInfo(first.FilePath).Length == new FileInfo(second.FilePath).Length
        && EnvelopeSerializer.Write(first.Envelope).AsSpan().SequenceEqual(EnvelopeSerializer.Write(second.Envelope));

    private RecoveryReport Summarise(SpoolReader reader, Tally tally)
    {
        int complete = 0;
        var corrupt = new List<CorruptQueueEntry>();
        foreach (var folder in QueueDirectory.Folders)
        {
            var listing = reader.List(folder);
            complete += listing.Messages.Count;
            corrupt.AddRange(listing.Corrupt);
        }

        corrupt.AddRange(tally.Conflicts);
        return new RecoveryReport(
            tally.IncomingRemoved, tally.TemporaryFilesRemoved, tally.OrphansRemoved, tally.Reunited, tally.DuplicatesRemoved, complete, corrupt);
    }

    /// <summary>Every id with a queue or state file in any folder, in id order.</summary>
    private SortedSet<string> AllIds()
    {
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var folder in QueueDirectory.Folders)
        {
            string path = directory.FolderPath(folder);
            ids.UnionWith(SpoolReader.IdsWithExtension(path, QueueDirectory.QueueFileExtension));
            ids.UnionWith(SpoolReader.IdsWithExtension(path, QueueDirectory.StateExtension));
        }

        return ids;
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
            FileSystem.Delete(path);
            removed++;
        }

        return removed;
    }

    /// <summary>Counts of what recovery did, gathered while it walks the queue.</summary>
    private sealed class Tally
    {
        public int IncomingRemoved { get; init; }

        public int TemporaryFilesRemoved { get; set; }

        public int OrphansRemoved { get; set; }

        public int Reunited { get; set; }

        public int DuplicatesRemoved { get; set; }

        public List<CorruptQueueEntry> Conflicts { get; } = [];
    }
}
