namespace Relaybox.Smtp.Server;

/// <summary>What a listener is for; it decides TLS and AUTH requirements of its sessions.</summary>
public enum SmtpSessionKind
{
    /// <summary>Port 25: STARTTLS offered; AUTH after TLS when auth-only; the relay policy decides who may relay.</summary>
    Smtp,
    /// <summary>Port 587 (RFC 6409): STARTTLS offered, AUTH required before MAIL.</summary>
    Submission,
    /// <summary>Port 465 (RFC 8314 section 3.3): TLS from the first byte, AUTH required before MAIL.</summary>
    Smtps,
}
