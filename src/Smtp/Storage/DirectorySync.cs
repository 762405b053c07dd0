using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Relaybox.Smtp.Storage;

/// <summary>open(2) and fsync(2) for a directory, which FileStream cannot open for flushing.</summary>
internal static partial class DirectorySync
{
    /// <summary>O_RDONLY | O_DIRECTORY | O_CLOEXEC (Linux values, the same on x86-64 and arm64).</summary>
    internal const int OpenDirectoryFlags = 0x10000 | 0x80000;

    /// <summary>open(2): .NET's File.OpenHandle refuses directories (EACCES), so they are opened directly.</summary>
    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial SafeFileHandle Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    internal static partial int Fsync(SafeFileHandle fd);
}
