using Relaybox.Smtp.Storage;

namespace Relaybox.Smtp.Tests.Auth;

/// <summary>
/// The real file system, except that directory fsyncs are recorded instead of performed: the user-file
/// tests check what is written and with which mode, and that the save ends with a directory flush.
/// </summary>
internal sealed class DirectoryFlushRecordingFileSystem : IFileSystem
{
    public List<string> FlushedDirectories { get; } = [];

    public FileStream CreateNew(string path, UnixFileMode mode) => PhysicalFileSystem.Instance.CreateNew(path, mode);

    public void FlushToDisk(FileStream stream) => PhysicalFileSystem.Instance.FlushToDisk(stream);

    public void Rename(string source, string destination) => PhysicalFileSystem.Instance.Rename(source, destination);

    public void FlushDirectory(string directory) => FlushedDirectories.Add(directory);

    public void Delete(string path) => PhysicalFileSystem.Instance.Delete(path);
}
