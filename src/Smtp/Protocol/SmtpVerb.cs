namespace Relaybox.Smtp.Protocol;

/// <summary>The commands relaybox understands (RFC 5321 section 4.1, RFC 3207, RFC 4954, RFC 3030).</summary>
public enum SmtpVerb
{
    Unknown,
    Ehlo,
    Helo,
    Mail,
    Rcpt,
    Data,
    Bdat,
    Rset,
    Noop,
    Quit,
    Vrfy,
    Help,
    StartTls,
    Auth,
}
