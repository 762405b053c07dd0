using System.Net;

namespace Relaybox.Smtp.Delivery.Probe;

/// <summary>One address to try: the host name (for TLS and texts) and its resolved address.</summary>
internal sealed record ProbeTarget(string Name, IPAddress Address);
