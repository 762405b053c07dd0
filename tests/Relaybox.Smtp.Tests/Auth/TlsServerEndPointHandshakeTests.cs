using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Authentication.ExtendedProtection;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Relaybox.Smtp.Auth;

namespace Relaybox.Smtp.Tests.Auth;

/// <summary>
/// Cross-checks <see cref="TlsServerEndPoint"/> against the channel binding .NET's own TLS client (OpenSSL
/// underneath) reports for a real handshake on 127.0.0.1 — what a SCRAM-SHA-256-PLUS client binds to.
/// </summary>
public sealed class TlsServerEndPointHandshakeTests
{
    private const string Prefix = "tls-server-end-point:";

    [Theory]
    [InlineData("ecdsa-sha256")]
    [InlineData("ecdsa-sha384")]
    [InlineData("rsa-sha512")]
    public async Task TheServerComputesWhatTheTlsClientBindsTo(string kind)
    {
        using X509Certificate2 certificate = CreateCertificate(kind);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        using TcpClient accepted = await listener.AcceptTcpClientAsync();

        await using var serverTls = new SslStream(accepted.GetStream());
        await using var clientTls = new SslStream(client.GetStream(), false, (_, _, _, _) => true);
        await Task.WhenAll(
            serverTls.AuthenticateAsServerAsync(certificate),
            clientTls.AuthenticateAsClientAsync("relay.example"));

        using ChannelBinding binding = clientTls.TransportContext!.GetChannelBinding(ChannelBindingKind.Endpoint)!;
        byte[] bindings = new byte[binding.Size];
        Marshal.Copy(binding.DangerousGetHandle(), bindings, 0, binding.Size);

        // The handle holds a SEC_CHANNEL_BINDINGS header (eight 32-bit fields) followed by the data;
        // the last two fields give the application data's length and offset.
        int length = BitConverter.ToInt32(bindings, 24);
        int offset = BitConverter.ToInt32(bindings, 28);
        byte[] reported = bindings[offset..(offset + length)];

        Assert.Equal([.. Encoding.ASCII.GetBytes(Prefix), .. TlsServerEndPoint.Compute(certificate)], reported);
    }

    private static X509Certificate2 CreateCertificate(string kind)
    {
        DateTimeOffset from = DateTimeOffset.UtcNow.AddDays(-1), to = DateTimeOffset.UtcNow.AddDays(1);
        if (kind.StartsWith("rsa", StringComparison.Ordinal))
        {
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest("CN=relay.example", rsa, HashAlgorithmName.SHA512, RSASignaturePadding.Pkcs1);
            return Exportable(request.CreateSelfSigned(from, to));
        }

        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var ecRequest = new CertificateRequest("CN=relay.example", ecdsa, kind.EndsWith("384", StringComparison.Ordinal) ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256);
        return Exportable(ecRequest.CreateSelfSigned(from, to));
    }

    /// <summary>SslStream on Linux wants a certificate whose key came from a PKCS#12, not an ephemeral one.</summary>
    private static X509Certificate2 Exportable(X509Certificate2 certificate)
    {
        using (certificate)
        {
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
        }
    }
}
