using Relaybox.Smtp.Storage;

namespace Relaybox.Smtp.Queue;

/// <summary>
/// The on-disk layout of the queue (<c>&lt;data_dir&gt;/queue</c>) and the crash-safe ways to change it.
/// <code>
/// queue/incoming/&lt;id&gt;        being received; never read by anyone else; wiped at start
/// queue/active/&lt;id&gt;.msg     message content exactly as received (after dot-unstuffing)
/// queue/active/&lt;id&gt;.env     envelope (EnvelopeSerializer); written last, so it marks the pair complete
/// queue/active/&lt;id&gt;.state   per-recipient delivery state (owned by delivery; optional)
/// queue/deferred/, queue/hold/  the same pairs, moved there by the queue manager
/// </code>
/// The rules every writer keeps, and <see cref="SpoolRecovery"/> relies on:
/// <list type="number">
/// <item>A pair is complete when its ".env" exists; a ".msg" alone is an unfinished commit.</item>
/// <item>Create: ".msg" renamed into place and its directory fsynced before the ".env" is written
/// (atomically, with <see cref="SafeFile"/>).</item>
/// <item>Move (<see cref="Move"/>): ".msg" first, then ".state", then ".env", each followed by a directory
/// fsync; a crash in between leaves the ".msg" in the destination and the ".env" in the source, and
/// recovery reunites them in the destination.</item>
/// <item>Remove (<see cref="Remove"/>): ".env" first, so a crash leaves only an orphan ".msg".</item>
/// </list>
/// </summary>
public sealed class QueueDirectory
{
    public const string MessageExtension = ".msg";
    public const string EnvelopeExtension = ".env";
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

    public string MessagePath(QueueFolder folder, string id) => Path.Combine(FolderPath(folder), CheckedId(id) + MessageExtension);

    public string EnvelopePath(QueueFolder folder, string id) => Path.Combine(FolderPath(folder), CheckedId(id) + EnvelopeExtension);

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

    /// <summary>Moves a complete message to another folder in the crash-safe order (see the class rules).</summary>
    public void Move(string id, QueueFolder from, QueueFolder to)
    {
        if (from == to)
        {
            return;
        }

        MoveFile(MessagePath(from, id), MessagePath(to, id));
        if (File.Exists(StatePath(from, id)))
        {
            MoveFile(StatePath(from, id), StatePath(to, id));
        }

        MoveFile(EnvelopePath(from, id), EnvelopePath(to, id));
        FileSystem.FlushDirectory(FolderPath(from));
    }

    /// <summary>Deletes a message (after delivery or purge): envelope first, so a crash leaves only an orphan.</summary>
    public void Remove(string id, QueueFolder folder)
    {
        FileSystem.Delete(EnvelopePath(folder, id));
        FileSystem.FlushDirectory(FolderPath(folder));
        FileSystem.Delete(StatePath(folder, id));
        FileSystem.Delete(MessagePath(folder, id));
        FileSystem.FlushDirectory(FolderPath(folder));
    }

    private void MoveFile(string source, string destination)
    {
        FileSystem.Rename(source, destination);
        FileSystem.FlushDirectory(Path.GetDirectoryName(destination)!);
    }

    private static string CheckedId(string id) =>
        QueueIdGenerator.IsValid(id) ? id : throw new ArgumentException($"\"{id}\" is not a queue id", nameof(id));
}
