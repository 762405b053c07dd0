namespace Relaybox.Smtp.Queue;

/// <summary>Where the SMTP server puts accepted mail. One spool per data directory.</summary>
public interface IMessageSpool
{
    /// <summary>Starts a new message; its queue id is known at once (it goes into the Received header).</summary>
    IncomingMessage Create();
}
