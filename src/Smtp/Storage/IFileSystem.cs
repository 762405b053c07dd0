using Microsoft.Win32.SafeHandles;

namespace Relaybox.Smtp.Storage;

/// <summary>
/// The few file-system calls that durability depends on. Production uses <see cref="PhysicalFileSystem"/>;
/// tests inject failures (ENOSPC, a crash between two steps) through their own implementation.
/// </summary>
public interface IFileSystem
{
    FileStream CreateNew(string path, UnixFileMode mode);

    /// <summary>Flushes a file's data and metadata to the device (fsync).</summary>
    void FlushToDisk(FileStream stream);

    /// <summary>Atomically replaces <paramref name="destination"/> (rename(2)).</summary>
    void Rename(string source, string destination);

    /// <summary>fsync on a directory, so that a rename or unlink in it survives a power cut.</summary>
    void FlushDirectory(string directory);

    void Delete(string path);
}
