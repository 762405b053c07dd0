using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Relaybox.Smtp.Storage;

/// <summary>fsync(2) for a directory descriptor, which FileStream cannot open for flushing.</summary>
internal static partial class DirectorySync
{
    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    internal static partial int Fsync(SafeFileHandle fd);
}
