using System.Net;

namespace Relaybox.Smtp.Server;

/// <summary>One address the server listens on and the kind of session it serves there.</summary>
public sealed record SmtpListenerOptions(IPEndPoint EndPoint, SmtpSessionKind Kind);
