using Relaybox.Smtp.Storage;

namespace Relaybox.Smtp.Queue;

/// <summary>
/// The on-disk layout of the queue (<c>&lt;data_dir&gt;/queue</c>) and the crash-safe ways to change it.
/// <code>
/// queue/incoming/&lt;id&gt;        being received; never read by anyone else; wiped at start
/// queue/active/&lt;id&gt;.q       one file per message: content as received, envelope, trailer (see QueueFileTrailer)
/// queue/active/&lt;id&gt;.state   per-recipient delivery state (owned by delivery; optional)
/// queue/deferred/, queue/hold/  the same files, moved there by the queue manager
/// </code>
/// The rules every writer keeps, and <see cref="SpoolRecovery"/> relies on:
/// <list type="number">
/// <item>A ".q" file is complete the moment it has its name: it is written whole and fsynced in incoming/
/// before the rename gives it one (<see cref="SpoolMessage"/>), and it is never written again.</item>
/// <item>Move (<see cref="Move"/>): ".q" first, then ".state", each followed by an fsync of the destination;
/// a crash in between leaves the ".state" behind, and recovery sends it after its message.</item>
/// <item>Remove (<see cref="Remove"/>): ".q" first, so a crash leaves only an orphan ".state", never a
/// message that has lost its delivery state (which would deliver again to recipients already served).</item>
/// </list>
/// </summary>
public sealed class QueueDirectory
{
    /// <summary>The queue file of a message: content, envelope and trailer in one inode.</summary>
    public const string QueueFileExtension = ".q";
    public const string StateExtension = ".state";

    /// <summary>Queue files are the mail of others: owner only.</summary>
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public QueueDirectory(string root, IFileSystem fileSystem)
    {
        Root = Path.GetFullPath(root);
        FileSystem = fileSystem;
        IncomingPath = Path.Combine(Root, "incoming");
    }

    public static IReadOnlyList<QueueFolder> Folders { get; } = [QueueFolder.Active, QueueFolder.Deferred, QueueFolder.Hold];

    public string Root { get; }

    public IFileSystem FileSystem { get; }

    public string IncomingPath { get; }

    public string FolderPath(QueueFolder folder) => Path.Combine(Root, folder switch
    {
        QueueFolder.Active => "active",
        QueueFolder.Deferred => "deferred",
        QueueFolder.Hold => "hold",
        _ => throw new ArgumentOutOfRangeException(nameof(folder), folder, "unknown queue folder"),
    });

    public string IncomingFile(string id) => Path.Combine(IncomingPath, CheckedId(id));

    public string QueueFilePath(QueueFolder folder, string id) => Path.Combine(FolderPath(folder), CheckedId(id) + QueueFileExtension);

    /// <summary>Where delivery keeps per-recipient state for a message; the envelope itself is never rewritten.</summary>
    public string StatePath(QueueFolder folder, string id) => Path.Combine(FolderPath(folder), CheckedId(id) + StateExtension);

    /// <summary>Creates the queue folders (mode 0700) that are missing, durably. Call once at start.</summary>
    public void EnsureCreated()
    {
        string parent = Path.GetDirectoryName(Root) ?? Root;
        if (!Directory.Exists(Root))
        {
            Directory.CreateDirectory(Root, FolderMode);
            FileSystem.FlushDirectory(parent);
        }

        bool created = false;
        foreach (string folder in (string[])[IncomingPath, .. Folders.Select(FolderPath)])
        {
            if (!Directory.Exists(folder))
            {
                Directory.CreateDirectory(folder, FolderMode);
                created = true;
            }
        }

        if (created)
        {
            FileSystem.FlushDirectory(Root);
        }
    }

    /// <summary>
    /// Moves a message and its state to another folder in the crash-safe order (see the class rules).
    /// rename(2) within one file system is atomic, also across a power cut on a journalling file system
    /// (ext4: both directory entries change in one transaction), so the ".q" is in one folder or the other.
    /// The source folder is fsynced last so that the old name cannot come back on a file system that orders
    /// directories independently; should it still, recovery keeps one of the two names (see SpoolRecovery).
    /// </summary>
    public void Move(string id, QueueFolder from, QueueFolder to)
    {
        if (from == to)
        {
            return;
        }

        MoveFile(QueueFilePath(from, id), QueueFilePath(to, id));
        if (File.Exists(StatePath(from, id)))
        {
            MoveFile(StatePath(from, id), StatePath(to, id));
        }

        FileSystem.FlushDirectory(FolderPath(from));
    }

    /// <summary>Deletes a message (after delivery or purge): the queue file first, so a crash leaves only an orphan state.</summary>
    public void Remove(string id, QueueFolder folder)
    {
        FileSystem.Delete(QueueFilePath(folder, id));
        FileSystem.FlushDirectory(FolderPath(folder));
        if (File.Exists(StatePath(folder, id)))
        {
            FileSystem.Delete(StatePath(folder, id));
            FileSystem.FlushDirectory(FolderPath(folder));
        }
    }

    private void MoveFile(string source, string destination)
    {
        FileSystem.Rename(source, destination);
        FileSystem.FlushDirectory(Path.GetDirectoryName(destination)!);
    }

    private static string CheckedId(string id) =>
        QueueIdGenerator.IsValid(id) ? id : throw new ArgumentException($"\"{id}\" is not a queue id", nameof(id));
}
