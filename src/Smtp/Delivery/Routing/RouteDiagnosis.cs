using System.Net.Sockets;
using Relaybox.Smtp.Delivery.Client;

namespace Relaybox.Smtp.Delivery.Routing;

/// <summary>
/// Reads the attempts of one delivery as a statement about the route (<see cref="RouteCondition"/>) with one line
/// the owner understands. Texts quote hosts and the upstream's replies, never credentials.
/// </summary>
internal static class RouteDiagnosis
{
    /// <summary>Upstream reply text quoted in a condition line is cut here: one line for the console and the LEDs' story.</summary>
    private const int MaxQuotedReply = 120;

    public static (RouteCondition Condition, string Detail) ForRelayhost(Relayhost relay, WalkOutcome walk)
    {
        string name = relay.DisplayName;
        if (TookPart(walk.Result))
        {
            return (RouteCondition.Healthy, string.Empty);
        }

        if (walk.Attempts.FirstOrDefault(a => a.Result.Auth is AuthOutcome.Refused or AuthOutcome.ServerNotVerified) is { } refused)
        {
            string why = refused.Result.Auth == AuthOutcome.ServerNotVerified
                ? "could not prove it knows relaybox's login (SCRAM server signature wrong)"
                : $"refused relaybox's login ({Quote(refused.Result.Reply)})";
            return (RouteCondition.SmarthostLoginRefused, $"the smarthost {name} {why}: check the login and password in the relayhost password file");
        }

        if (walk.Attempts.FirstOrDefault(a => IsCertificateFailure(a.Result)) is { } rejected)
        {
            return (RouteCondition.SmarthostCertificateRejected, $"the smarthost {name}: {CertificateText(rejected.Result.TlsFailure, relay)}; nothing was sent");
        }

        if (!walk.AnyReached)
        {
            return (RouteCondition.SmarthostUnreachable, $"the smarthost {name} cannot be reached: {ConnectText(walk.Result.ConnectError)}");
        }

        return (RouteCondition.Unknown, $"the smarthost {name} was reached but did not take the mail: {walk.Result.Detail}");
    }

    /// <summary>The relayhost's name could not be looked up (relayhost written without brackets).</summary>
    public static (RouteCondition Condition, string Detail) ForRelayhostLookup(Relayhost relay, string dnsDetail) =>
        (RouteCondition.SmarthostUnreachable, $"the smarthost {relay.DisplayName} cannot be found in DNS: {dnsDetail}");

    public static (RouteCondition Condition, string Detail) ForMx(string domain, int port, WalkOutcome walk)
    {
        if (walk.AnyReached)
        {
            return (RouteCondition.Healthy, string.Empty);
        }

        if (walk.LooksBlocked)
        {
            return (RouteCondition.OutboundPortBlocked, BlockedText(domain, port));
        }

        return (RouteCondition.Unknown, $"no MX host of {domain} accepted a connection: {ConnectText(walk.Result.ConnectError)}");
    }

    public static string BlockedText(string domain, int port) =>
        $"port {port} blocked towards every MX of {domain}: connections time out (the internet provider may block outgoing mail; a fallback relayhost would help)";

    /// <summary>The upstream took part: it judged the recipients, or at least accepted relaybox's login.</summary>
    private static bool TookPart(DeliveryResult result) =>
        result.Failure == DeliveryFailure.None
        || result.Auth == AuthOutcome.Accepted
        || result.Recipients.Any(r => r.Outcome != RecipientOutcome.Deferred);

    private static bool IsCertificateFailure(DeliveryResult result) =>
        result.Failure == DeliveryFailure.Tls && result.TlsFailure is TlsFailureReason.CertificateUntrusted or TlsFailureReason.NameMismatch
            or TlsFailureReason.FingerprintMismatch or TlsFailureReason.CaFileUnusable;

    private static string CertificateText(TlsFailureReason reason, Relayhost relay) => reason switch
    {
        TlsFailureReason.CertificateUntrusted => relay.Tls.CaFile is { } ca
            ? $"its certificate is not signed by the CA in {ca}"
            : "its certificate is not signed by a trusted authority (self-signed? set tls_ca_file or a fingerprint pin)",
        TlsFailureReason.NameMismatch => $"its certificate is not made out to {relay.Tls.ExpectedName ?? relay.Host}",
        TlsFailureReason.FingerprintMismatch => "its certificate does not match the pinned fingerprint",
        TlsFailureReason.CaFileUnusable => $"the CA file {relay.Tls.CaFile} cannot be read or holds no certificate",
        _ => reason.ToString(),
    };

    private static string ConnectText(SocketError error) => error switch
    {
        SocketError.TimedOut => "no answer (connection timed out)",
        SocketError.ConnectionRefused => "connection refused",
        SocketError.HostNotFound or SocketError.NoData => "its name does not resolve",
        SocketError.TryAgain => "its name cannot be looked up right now",
        SocketError.NetworkUnreachable or SocketError.HostUnreachable => "no route to it",
        SocketError.Success => "the connection failed",
        _ => error.ToString(),
    };

    private static string Quote(UpstreamReply? reply)
    {
        if (reply is null)
        {
            return "no reply";
        }

        string text = reply.ToString();
        return text.Length <= MaxQuotedReply ? text : text[..MaxQuotedReply] + "...";
    }
}
