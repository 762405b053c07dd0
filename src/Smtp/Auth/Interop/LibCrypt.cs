namespace Relaybox.Smtp.Auth.Interop;

/// <summary>
/// libxcrypt, the system's crypt(3) (Debian's libcrypt1). Only the reentrant call is used: the
/// session threads verify passwords concurrently.
/// </summary>
internal static partial class LibCrypt
{
    public const string LibraryName = "libcrypt.so.1";

    /// <summary>sizeof(struct crypt_data) in libxcrypt's crypt.h (CRYPT_DATA_INTERNAL_SIZE + reserved + output): 32768.</summary>
    public const int CryptDataSize = 32768;
}
