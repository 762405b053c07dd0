namespace Relaybox.Smtp.Auth;

/// <summary>
/// One user of the user file. The secrets it holds are owned by the Auth namespace; other parts of the
/// engine read only the login, the addresses it may send as, and its sending quota.
/// </summary>
public sealed partial class UserRecord
{
    public required string Login { get; init; }

    /// <summary>
    /// Envelope senders this login may use for reject_sender_login_mismatch: full addresses, or "@domain" for
    /// any address in a domain. Empty = only the login itself when it is an address.
    /// </summary>
    public IReadOnlyList<string> AllowedSenders { get; init; } = [];

    /// <summary>Messages this login may submit per hour; null = the configured default.</summary>
    public int? MessagesPerHour { get; init; }
}
