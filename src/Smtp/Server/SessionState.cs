namespace Relaybox.Smtp.Server;

/// <summary>Where a session is in RFC 5321 section 4.1.4's command order.</summary>
internal enum SessionState
{
    /// <summary>Connected (or just after STARTTLS): HELO/EHLO needed before mail.</summary>
    Connected,
    /// <summary>HELO/EHLO done, no transaction.</summary>
    Greeted,
    /// <summary>MAIL accepted.</summary>
    MailGiven,
    /// <summary>At least one RCPT accepted.</summary>
    RecipientGiven,
}
