namespace Relaybox.Smtp.Relay;

/// <summary>Where a recipient address leads, as far as relay permission is concerned.</summary>
public enum RecipientDestination
{
    /// <summary>Ours: a local domain, an unqualified name, or postmaster. Anyone may send to it.</summary>
    Local,

    /// <summary>
    /// A local domain (or unqualified) whose local part carries routing characters (%, !, a quoted @):
    /// the classic way to turn a local delivery into a relay.
    /// </summary>
    LocalWithRoutingSyntax,

    /// <summary>Any other domain, and every address literal: relaying.</summary>
    Relay,
}
