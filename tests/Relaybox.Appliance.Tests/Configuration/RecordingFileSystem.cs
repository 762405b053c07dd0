using Microsoft.Win32.SafeHandles;
using Relaybox.Smtp.Storage;

namespace Relaybox.Appliance.Tests.Configuration;

/// <summary>
/// The real file system, except that directory fsyncs are recorded instead of performed, and a rename can be made
/// to fail so tests see what a failed write leaves behind.
/// </summary>
internal sealed class RecordingFileSystem : IFileSystem
{
    public List<string> FlushedDirectories { get; } = [];

    public bool FailRenames { get; set; }

    public FileStream CreateNew(string path, UnixFileMode mode) => PhysicalFileSystem.Instance.CreateNew(path, mode);

    public void FlushToDisk(FileStream stream) => PhysicalFileSystem.Instance.FlushToDisk(stream);

    public void Rename(string source, string destination)
    {
        if (FailRenames)
        {
            throw new IOException("injected: No space left on device");
        }

        PhysicalFileSystem.Instance.Rename(source, destination);
    }

    public void FlushDirectory(string directory) => FlushedDirectories.Add(directory);

    public void Delete(string path) => PhysicalFileSystem.Instance.Delete(path);
}
