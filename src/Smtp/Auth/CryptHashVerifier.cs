using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Relaybox.Smtp.Auth.Interop;

namespace Relaybox.Smtp.Auth;

/// <summary>Checks a password against an imported crypt(3) hash with the system's libcrypt.</summary>
internal static class CryptHashVerifier
{
    public static unsafe bool Verify(string hash, ReadOnlySpan<byte> password)
    {
        // C strings end at NUL: a password with one could only ever match a shorter password.
        if (password.IsEmpty || password.Contains((byte)0))
        {
            return false;
        }

        byte[] phrase = new byte[password.Length + 1];
        byte[] setting = Encoding.ASCII.GetBytes(hash + "\0");
        void* data = NativeMemory.AllocZeroed(LibCrypt.CryptDataSize);
        try
        {
            password.CopyTo(phrase);
            fixed (byte* phrasePointer = phrase)
            fixed (byte* settingPointer = setting)
            {
                byte* result = LibCrypt.CryptRn(phrasePointer, settingPointer, data, LibCrypt.CryptDataSize);
                if (result is null)
                {
                    return false;
                }

                // Re-hashing with the stored hash as the setting reproduces it exactly when the password is right.
                ReadOnlySpan<byte> computed = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(result);
                return CryptographicOperations.FixedTimeEquals(computed, setting.AsSpan(0, setting.Length - 1));
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(phrase);
            NativeMemory.Clear(data, LibCrypt.CryptDataSize);
            NativeMemory.Free(data);
        }
    }
}
