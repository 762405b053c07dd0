using Relaybox.Smtp.Queue;

namespace Relaybox.Smtp.Delivery.Rewriting;

/// <summary>
/// A message as it goes to the upstream: the rewritten envelope, the content (new header section, then the
/// original body read straight from the queue) and its size in octets for RFC 1870 SIZE=.
/// The caller disposes <see cref="Content"/>, which disposes the queue stream under it.
/// </summary>
public sealed record RewrittenMessage(Envelope Envelope, Stream Content, long Size, RewriteReport Report);
