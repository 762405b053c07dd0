using System.Globalization;

namespace Relaybox.Smtp.Server;

/// <summary>The service extensions relaybox announces in its EHLO answer (RFC 5321 section 4.1.1.1).</summary>
internal static class EhloKeywords
{
    /// <param name="offerChannelBinding">
    /// The connection has tls-unique (TLS 1.2): only then are -PLUS mechanisms listed, because GNU SASL
    /// clients pick -PLUS whenever it is listed and bind with tls-exporter on TLS 1.3, which SslStream
    /// cannot provide.
    /// </param>
    public static IReadOnlyList<string> For(SmtpServerSettings settings, bool offerStartTls, bool offerAuth, bool offerChannelBinding)
    {
        var keywords = new List<string>
        {
            "PIPELINING", // RFC 2920
            "SIZE " + settings.Limits.MaxMessageSize.ToString(CultureInfo.InvariantCulture), // RFC 1870
        };

        if (offerStartTls)
        {
            keywords.Add("STARTTLS"); // RFC 3207
        }

        var mechanisms = AdvertisedMechanisms(settings, offerChannelBinding);
        if (offerAuth && mechanisms.Length > 0)
        {
            keywords.Add("AUTH " + mechanisms); // RFC 4954 section 3
            if (settings.BrokenAuthClients)
            {
                // Postfix broken_sasl_auth_clients: clients from before RFC 2554 look for "AUTH=".
                keywords.Add("AUTH=" + mechanisms);
            }
        }

        keywords.Add("ENHANCEDSTATUSCODES"); // RFC 2034
        keywords.Add("8BITMIME"); // RFC 6152
        keywords.Add("BINARYMIME"); // RFC 3030
        keywords.Add("CHUNKING"); // RFC 3030
        keywords.Add("DSN"); // RFC 3461
        keywords.Add("SMTPUTF8"); // RFC 6531
        return keywords;
    }

    /// <summary>The configured mechanisms minus those the security options forbid, space-separated.</summary>
    public static string AdvertisedMechanisms(SmtpServerSettings settings, bool offerChannelBinding = true) =>
        string.Join(' ', settings.AuthMechanisms
            .Where(m => settings.IsMechanismAllowed(m) && (offerChannelBinding || !IsChannelBound(m)))
            .Select(m => m.ToUpperInvariant()));

    public static bool IsChannelBound(string mechanism) => mechanism.EndsWith("-PLUS", StringComparison.OrdinalIgnoreCase);
}
