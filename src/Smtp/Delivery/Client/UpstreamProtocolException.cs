namespace Relaybox.Smtp.Delivery.Client;

/// <summary>
/// The upstream broke the protocol (malformed or overlong reply, too many lines, data after a reply
/// where none may be): the connection cannot be trusted further and is dropped.
/// </summary>
public sealed class UpstreamProtocolException(string message) : IOException(message);
