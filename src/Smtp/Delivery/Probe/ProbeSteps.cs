using System.Globalization;
using System.Security.Authentication;
using Relaybox.Smtp.Delivery.Client;

namespace Relaybox.Smtp.Delivery.Probe;

/// <summary>The short lines for the steps a test session got through, read from its <see cref="SessionProgress"/>.</summary>
internal static class ProbeSteps
{
    /// <summary>A greeting quoted in a step line is cut here.</summary>
    private const int MaxQuotedGreeting = 80;

    public static IEnumerable<string> Reached(SessionProgress progress, SmtpUpstream upstream)
    {
        if (progress.Step == SessionStep.Connect)
        {
            yield break;
        }

        yield return $"TCP: connected to {upstream.Address}:{upstream.Port.ToString(CultureInfo.InvariantCulture)}";
        TlsPolicy tls = upstream.Tls;
        if (tls.WrapperMode && progress.TlsProtocol != SslProtocols.None)
        {
            yield return $"TLS: implicit TLS, {Version(progress.TlsProtocol)}, {CertificateCheckText(tls, upstream.Host)}";
        }

        if (progress.Greeting is { Code: 220 } greeting)
        {
            string text = greeting.ToString();
            yield return "SMTP: greeting " + (text.Length <= MaxQuotedGreeting ? text : text[..MaxQuotedGreeting] + "...");
        }

        bool startedTls = !tls.WrapperMode && progress.TlsProtocol != SslProtocols.None;
        if (startedTls)
        {
            // What the server offered before TLS is forgotten (RFC 3207 section 4.2); it had to offer STARTTLS.
            yield return "EHLO: accepted (offers STARTTLS)";
            yield return $"TLS: STARTTLS, {Version(progress.TlsProtocol)}, {CertificateCheckText(tls, upstream.Host)}";
        }

        if (progress.Capabilities is { } offered)
        {
            yield return (startedTls ? "EHLO: accepted over TLS" : "EHLO: accepted") + Offers(offered);
        }

        if (!tls.WrapperMode && !startedTls && progress.Step == SessionStep.Ready)
        {
            yield return tls.Level == TlsSecurityLevel.None
                ? "TLS: off (tls_security_level = none): login and mail travel unencrypted"
                : "TLS: not offered by the server; plain text (tls_security_level = may)";
        }

        if (progress.Step == SessionStep.Ready)
        {
            yield return upstream.Credentials is { } credentials
                ? $"AUTH: {progress.AuthMechanism} accepted for '{credentials.Login}'"
                : "AUTH: not tested, no login configured (sasl_password_file)";
        }
    }

    private static string Offers(EhloCapabilities offered)
    {
        var words = new List<string>();
        if (offered.StartTls)
        {
            words.Add("STARTTLS");
        }

        if (offered.AuthMechanisms.Count > 0)
        {
            words.Add("AUTH " + string.Join(' ', offered.AuthMechanisms.Order(StringComparer.Ordinal)));
        }

        return words.Count == 0 ? string.Empty : " (offers " + string.Join(", ", words) + ")";
    }

    private static string CertificateCheckText(TlsPolicy tls, string host)
    {
        string name = tls.Level == TlsSecurityLevel.Secure && tls.ExpectedName is { } expected ? expected : host;
        string anchors = tls.CaFile is { } caFile ? "the CA in " + caFile : "the system's CAs";
        return (tls.VerifiesCertificate, tls.PinnedFingerprints.Count > 0) switch
        {
            (true, true) => $"certificate for {name} verified by {anchors} and matches tls_fingerprint",
            (true, false) => $"certificate for {name} verified by {anchors}",
            (false, true) => "certificate matches tls_fingerprint",
            _ => $"certificate not checked (tls_security_level = {tls.Level.ToString().ToLowerInvariant()})",
        };
    }

    private static string Version(SslProtocols protocol) => protocol switch
    {
        SslProtocols.Tls13 => "TLSv1.3",
        SslProtocols.Tls12 => "TLSv1.2",
        _ => protocol.ToString(),
    };
}
