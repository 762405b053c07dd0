using System.Buffers.Binary;
using System.Net.Security;
using System.Security.Authentication;
using System.Runtime.InteropServices;
using System.Security.Authentication.ExtendedProtection;

namespace Relaybox.Smtp.Server;

/// <summary>
/// Reads RFC 5929 tls-unique (the first Finished message) from an established TLS 1.2 SslStream. .NET hands
/// it over wrapped as Windows' SEC_CHANNEL_BINDINGS: a 32-byte header whose last two fields give the length
/// and offset of the application data, which is "tls-unique:" followed by the binding itself.
/// </summary>
internal static class TlsUniqueBinding
{
    private const int HeaderSize = 32;
    private static readonly byte[] Prefix = "tls-unique:"u8.ToArray();

    public static ReadOnlyMemory<byte> Read(SslStream tls)
    {
        try
        {
            using ChannelBinding? binding = tls.TransportContext?.GetChannelBinding(ChannelBindingKind.Unique);
            if (binding is null || binding.Size <= HeaderSize)
            {
                return ReadOnlyMemory<byte>.Empty;
            }

            var raw = new byte[binding.Size];
            Marshal.Copy(binding.DangerousGetHandle(), raw, 0, raw.Length);
            int length = BinaryPrimitives.ReadInt32LittleEndian(raw.AsSpan(24));
            int offset = BinaryPrimitives.ReadInt32LittleEndian(raw.AsSpan(28));
            if (offset < HeaderSize || length <= Prefix.Length || offset + length > raw.Length ||
                !raw.AsSpan(offset, Prefix.Length).SequenceEqual(Prefix))
            {
                return ReadOnlyMemory<byte>.Empty;
            }

            return raw.AsMemory(offset + Prefix.Length, length - Prefix.Length);
        }
        catch (Exception e) when (e is NotSupportedException or AuthenticationException or InvalidOperationException)
        {
            return ReadOnlyMemory<byte>.Empty; // no binding: -PLUS simply is not offered on this connection
        }
    }
}
