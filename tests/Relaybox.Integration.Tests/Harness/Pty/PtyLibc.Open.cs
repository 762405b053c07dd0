using System.Runtime.InteropServices;

namespace Relaybox.Integration.Tests.Harness.Pty;

internal static partial class PtyLibc
{
    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);
}
