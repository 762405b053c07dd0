using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Relaybox.Smtp.Storage;

namespace Relaybox.Smtp.Tests.Queue;

/// <summary>
/// <see cref="PhysicalFileSystem"/> with a directory fsync that works: .NET refuses to open a directory
/// through File.OpenHandle (it reports EACCES for any directory), so this opens it with open(2) and
/// O_DIRECTORY. The same change is proposed for PhysicalFileSystem itself; until it lands, the queue tests
/// run through this class so they exercise real directory fsyncs.
/// </summary>
internal sealed partial class DirectoryFsyncFileSystem : IFileSystem
{
    private const int ReadOnly = 0;
    private const int Directory = 0x10000; // O_DIRECTORY on Linux (x86-64 and arm64)
    private const int CloseOnExec = 0x80000; // O_CLOEXEC

    public static DirectoryFsyncFileSystem Instance { get; } = new();

    public FileStream CreateNew(string path, UnixFileMode mode) => PhysicalFileSystem.Instance.CreateNew(path, mode);

    public void FlushToDisk(FileStream stream) => PhysicalFileSystem.Instance.FlushToDisk(stream);

    public void Rename(string source, string destination) => PhysicalFileSystem.Instance.Rename(source, destination);

    public void Delete(string path) => PhysicalFileSystem.Instance.Delete(path);

    public void FlushDirectory(string directory)
    {
        using var handle = Open(directory, ReadOnly | Directory | CloseOnExec);
        if (handle.IsInvalid)
        {
            throw new IOException($"open of directory {directory} failed: {Marshal.GetLastPInvokeErrorMessage()}");
        }

        if (Fsync(handle) != 0)
        {
            throw new IOException($"fsync of directory {directory} failed: {Marshal.GetLastPInvokeErrorMessage()}");
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial SafeFileHandle Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(SafeFileHandle fd);
}
