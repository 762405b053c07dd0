namespace Relaybox.Smtp.Delivery.Manager;

/// <summary>A queue command that arrived while the message's attempt was running: carried out when it ends.</summary>
internal enum PendingControl
{
    None,
    Hold,
    Delete,
}
