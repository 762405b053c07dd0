using System.Runtime.InteropServices;

namespace Relaybox.Smtp.Storage;

/// <summary>The real file system, with fsync on files and directories.</summary>
public sealed class PhysicalFileSystem : IFileSystem
{
    public static PhysicalFileSystem Instance { get; } = new();

    public FileStream CreateNew(string path, UnixFileMode mode) =>
        new(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            UnixCreateMode = mode,
            BufferSize = 0,
        });

    public void FlushToDisk(FileStream stream) => stream.Flush(flushToDisk: true);

    public void Rename(string source, string destination) => File.Move(source, destination, overwrite: true);

    public void FlushDirectory(string directory)
    {
        // .NET has no directory fsync: open the directory itself and fsync the descriptor.
        using var handle = DirectorySync.Open(directory, DirectorySync.OpenDirectoryFlags);
        if (handle.IsInvalid)
        {
            throw new IOException($"open of directory {directory} failed: {Marshal.GetLastPInvokeErrorMessage()}");
        }

        if (DirectorySync.Fsync(handle) != 0)
        {
            throw new IOException($"fsync of directory {directory} failed: {Marshal.GetLastPInvokeErrorMessage()}");
        }
    }

    public void Delete(string path) => File.Delete(path);
}
