using Relaybox.Smtp.Storage;
using Relaybox.Smtp.Tests.Queue;

namespace Relaybox.Smtp.Tests.Delivery.Manager;

/// <summary>The queue's real file system, counting the writes and fsyncs delivery makes (its cost per message).</summary>
internal sealed class CountingFileSystem : IFileSystem
{
    private int filesCreated;
    private int directoryFlushes;

    public int FilesCreated => Volatile.Read(ref filesCreated);

    public int DirectoryFlushes => Volatile.Read(ref directoryFlushes);

    public FileStream CreateNew(string path, UnixFileMode mode)
    {
        Interlocked.Increment(ref filesCreated);
        return DirectoryFsyncFileSystem.Instance.CreateNew(path, mode);
    }

    public void FlushToDisk(FileStream stream) => DirectoryFsyncFileSystem.Instance.FlushToDisk(stream);

    public void Rename(string source, string destination) => DirectoryFsyncFileSystem.Instance.Rename(source, destination);

    public void FlushDirectory(string directory)
    {
        Interlocked.Increment(ref directoryFlushes);
        DirectoryFsyncFileSystem.Instance.FlushDirectory(directory);
    }

    public void Delete(string path) => DirectoryFsyncFileSystem.Instance.Delete(path);
}
