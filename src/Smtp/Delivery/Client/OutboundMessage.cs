using Relaybox.Smtp.Queue;

namespace Relaybox.Smtp.Delivery.Client;

/// <summary>
/// A queued message to send: its envelope and its content as the queue stores it (dot-unstuffed, CRLF line
/// ends), positioned at the start. <paramref name="Size"/> is the content length in octets (RFC 1870 SIZE=).
/// </summary>
public sealed record OutboundMessage(Envelope Envelope, Stream Content, long Size);
