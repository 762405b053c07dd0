namespace Relaybox.Smtp.Delivery.Client;

/// <summary>Picks the mechanism for AUTH: the strongest one both sides have.</summary>
public static class SaslClientChooser
{
    /// <summary>Strongest first: SCRAM never exposes the password; PLAIN before LOGIN (one round trip); CRAM-MD5 last
    /// (its server needs a plaintext-equivalent secret, RFC 2195 section 4, and MD5 is broken).</summary>
    public static IReadOnlyList<string> Preference { get; } = ["SCRAM-SHA-256", "PLAIN", "LOGIN", "CRAM-MD5"];

    /// <summary>
    /// Null when nothing fits. PLAIN and LOGIN only over TLS (RFC 4954 section 4: a mechanism that exposes the
    /// password needs a protected channel; Postfix smtp_sasl_tls_security_options = noanonymous, but relaybox
    /// is stricter than smtp_sasl_security_options: never clear-text passwords over plain text).
    /// </summary>
    public static SaslClientMechanism? Choose(IReadOnlySet<string> offered, bool tlsActive, UpstreamCredentials credentials, Func<string>? nonceSource = null)
    {
        foreach (string name in Preference)
        {
            if (!offered.Contains(name))
            {
                continue;
            }

            SaslClientMechanism mechanism = name switch
            {
                "SCRAM-SHA-256" => new ScramSha256Client(credentials, nonceSource),
                "PLAIN" => new PlainClient(credentials),
                "LOGIN" => new LoginClient(credentials),
                _ => new CramMd5Client(credentials),
            };
            if (!mechanism.SendsPasswordInClear || tlsActive)
            {
                return mechanism;
            }
        }

        return null;
    }
}
