using System.Runtime.InteropServices;

namespace Relaybox.Smtp.Auth.Interop;

internal static unsafe partial class LibCrypt
{
    /// <summary>
    /// char *crypt_rn(const char *phrase, const char *setting, void *data, int size): hashes
    /// <paramref name="phrase"/> with the method and salt of <paramref name="setting"/> into
    /// <paramref name="data"/>; returns NULL (errno set) on an invalid setting, never a failure token.
    /// </summary>
    [LibraryImport(LibraryName, EntryPoint = "crypt_rn", SetLastError = true)]
    internal static partial byte* CryptRn(byte* phrase, byte* setting, void* data, int size);
}
