using System.Security.Cryptography.X509Certificates;

namespace Relaybox.Appliance.Hosting;

public sealed record CertificateLoadResult(X509Certificate2 Certificate, bool Generated);
