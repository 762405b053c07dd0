using System.Text;

namespace Relaybox.Smtp.Server;

/// <summary>
/// Refuses settings the server cannot run with, when they are installed rather than at the first
/// connection: a reload with a bad value fails loudly and the old settings stay in force.
/// </summary>
internal static class SettingsValidator
{
    public static void Check(SmtpServerSettings settings)
    {
        var host = settings.HostName;
        if (string.IsNullOrEmpty(host) || !Ascii.IsValid(host) || host.Any(c => c <= ' ' || c == 127 || c is '(' or ')'))
        {
            throw new ArgumentException($"Host name '{host}' must be a non-empty ASCII name without spaces.", nameof(settings));
        }

        var limits = settings.Limits;
        if (limits.MaxCommandLineLength < 510)
        {
            // RFC 5321 section 4.5.3.1.4: 512 octets including CRLF is the minimum a server must accept.
            throw new ArgumentException("The command line limit must be at least 510 octets (RFC 5321 4.5.3.1.4).", nameof(settings));
        }

        if (limits.MaxAuthLineLength < limits.MaxCommandLineLength)
        {
            throw new ArgumentException("The AUTH line limit must not be below the command line limit.", nameof(settings));
        }

        if (limits.MaxMessageSize <= 0 || limits.MaxRecipients <= 0 || limits.MaxSessions <= 0 ||
            limits.MaxSessionsPerAddress <= 0 || limits.MaxErrors <= 0)
        {
            throw new ArgumentException("Message size, recipient, session and error limits must be positive.", nameof(settings));
        }

        if (limits.CommandTimeout <= TimeSpan.Zero || limits.DataTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("Timeouts must be positive.", nameof(settings));
        }

        if (settings.AuthMechanisms.Count > 0 && settings.MechanismFactory is null)
        {
            throw new ArgumentException("AUTH mechanisms are configured but no mechanism factory is given.", nameof(settings));
        }
    }
}
