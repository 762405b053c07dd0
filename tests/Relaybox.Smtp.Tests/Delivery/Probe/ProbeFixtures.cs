using System.Net;
using System.Security.Cryptography.X509Certificates;
using Relaybox.Smtp.Delivery.Client;
using Relaybox.Smtp.Delivery.Dns;
using Relaybox.Smtp.Delivery.Probe;
using Relaybox.Smtp.Delivery.Routing;
using Relaybox.Smtp.Tests.Delivery.Client;
using Relaybox.Smtp.Tests.Delivery.Routing;

namespace Relaybox.Smtp.Tests.Delivery.Probe;

/// <summary>Requests and certificates the connection test's unit tests share.</summary>
internal static class ProbeFixtures
{
    public const string Login = "box@provider.test";
    public const string Password = "app-Pa55word";

    /// <summary>Every server here is local: 5 s is ample on a loaded machine (TLS handshakes included) and short enough to fail fast.</summary>
    public static readonly TimeSpan StageTimeout = TimeSpan.FromSeconds(5);

    /// <summary>For the tests that wait out a silent server: a second of silence from a local server already says it.</summary>
    public static readonly TimeSpan SilenceTimeout = TimeSpan.FromSeconds(1);

    /// <summary>A name server nobody listens on: a test that must not look anything up fails if it tries.</summary>
    public static readonly DnsClientOptions NoNameServer = new([new IPEndPoint(IPAddress.Loopback, 9)]) { Timeout = TimeSpan.FromMilliseconds(200), Attempts = 1 };

    public static ProbeRequest Request(int port, TlsPolicy tls, UpstreamCredentials? credentials = null, string host = "127.0.0.1") =>
        new(new Relayhost(host, port) { Tls = tls, Credentials = credentials })
        {
            HeloName = "relay.test",
            NameServers = NoNameServer,
            StageTimeout = StageTimeout,
            TotalTimeout = TimeSpan.FromSeconds(10),
        };

    public static TlsPolicy Plain { get; } = new() { Level = TlsSecurityLevel.None };

    public static UpstreamCredentials Credentials { get; } = new(Login, Password);

    public static Task<ProbeReport> RunAsync(ProbeRequest request) =>
        new SmarthostProbe(TimeProvider.System).RunAsync(request, CancellationToken.None);

    /// <summary>A private CA and a leaf for localhost and 127.0.0.1 signed by it (files in a fresh folder).</summary>
    public static (TestCertificates Files, X509Certificate2 Server) PrivateCa()
    {
        var files = TestCertificates.Create(Directory.CreateTempSubdirectory("relaybox-probe-").FullName);
        return (files, X509Certificate2.CreateFromPemFile(files.ChainFile, files.KeyFile));
    }

    /// <summary>A self-signed certificate for localhost, as a home server has.</summary>
    public static X509Certificate2 SelfSigned()
    {
        var (certificate, key) = SelfSignedCertificate.Create(Directory.CreateTempSubdirectory("relaybox-probe-").FullName);
        return X509Certificate2.CreateFromPemFile(certificate, key);
    }
}
