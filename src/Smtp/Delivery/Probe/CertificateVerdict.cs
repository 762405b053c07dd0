using System.Globalization;
using Relaybox.Smtp.Delivery.Client;

namespace Relaybox.Smtp.Delivery.Probe;

/// <summary>
/// Says why a smarthost's certificate was not accepted, naming who issued it to whom, and offers the two ways to
/// trust it: its fingerprint (<c>tls_fingerprint</c>, the value the console can write) or its CA (<c>tls_ca_file</c>).
/// </summary>
internal static class CertificateVerdict
{
    public static ProbeReport Rejected(TlsFailureReason reason, ProbeCertificate? certificate, TlsPolicy policy, string host, DateTimeOffset now)
    {
        string expectedName = policy.Level == TlsSecurityLevel.Secure && policy.ExpectedName is { } name ? name : host;
        string trustIt = certificate is null
            ? "give the CA that signed it (tls_ca_file)"
            : $"if this is your provider's certificate, trust it by its fingerprint (tls_fingerprint = {certificate.Fingerprint}) or give its CA (tls_ca_file)";
        string issued = certificate is null ? string.Empty : $": issued by '{certificate.IssuedBy}' to '{certificate.IssuedTo}'";
        (string summary, string advice) = reason switch
        {
            TlsFailureReason.NameMismatch => ($"certificate not made out to '{expectedName}'{issued}{Names(certificate)}",
                $"set relayhost to a name the certificate carries; or, {trustIt}"),
            TlsFailureReason.FingerprintMismatch => ($"certificate does not match tls_fingerprint{issued}{Fingerprint(certificate)}",
                "the server has another certificate than the pinned one: if the provider changed it, put the new fingerprint in tls_fingerprint"),
            _ => ($"certificate not trusted{issued}; {WhyUntrusted(certificate, policy, now)}", trustIt),
        };
        return new ProbeReport { FailedStage = ProbeStage.Certificate, Summary = summary, Advice = advice, Certificate = certificate };
    }

    private static string WhyUntrusted(ProbeCertificate? certificate, TlsPolicy policy, DateTimeOffset now)
    {
        if (certificate is not null && certificate.NotAfter < now)
        {
            return "it expired on " + certificate.NotAfter.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        if (certificate is not null && certificate.NotBefore > now)
        {
            return "it is valid only from " + certificate.NotBefore.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " (is this box's clock right?)";
        }

        if (policy.CaFile is { } caFile)
        {
            return $"not signed by the CA in {caFile}";
        }

        return certificate is { SelfSigned: true } ? "self-signed, no known authority vouches for it" : "not signed by a known authority";
    }

    private static string Names(ProbeCertificate? certificate) =>
        certificate is { Names.Count: > 0 } ? $" (it names {string.Join(", ", certificate.Names)})" : string.Empty;

    private static string Fingerprint(ProbeCertificate? certificate) =>
        certificate is null ? string.Empty : $" (its fingerprint is {certificate.Fingerprint})";
}
