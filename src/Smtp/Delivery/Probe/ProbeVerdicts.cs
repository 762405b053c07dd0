using System.Globalization;
using System.Net.Sockets;
using Relaybox.Smtp.Delivery.Client;

namespace Relaybox.Smtp.Delivery.Probe;

/// <summary>
/// Turns how a test session ended into the report's step, one line on what failed and one on what to do, in words
/// for someone who is not a mail administrator. The server's reply is quoted; the password never is.
/// </summary>
internal static class ProbeVerdicts
{
    /// <summary>A reply quoted in a summary is cut here: the console shows one line.</summary>
    private const int MaxQuotedReply = 200;

    /// <summary>Every address failed to connect; the first failure speaks for all (they are usually alike).</summary>
    public static ProbeReport ConnectFailed(IReadOnlyList<(ProbeTarget Target, SocketError Error)> failures, int port, TimeSpan timeout)
    {
        var (target, error) = failures[0];
        string where = $"{target.Address}:{port.ToString(CultureInfo.InvariantCulture)}";
        string others = failures.Count > 1 ? $" (and {failures.Count - 1} other address(es) likewise)" : string.Empty;
        (string summary, string advice) = error switch
        {
            SocketError.ConnectionRefused => ($"{where} refused the connection{others}",
                $"the host answers but nothing listens on port {port}: check the port (587 for STARTTLS, 465 for implicit TLS)"),
            SocketError.TimedOut => ($"no answer from {where} within {Seconds(timeout)}{others}",
                $"port {port} is blocked (a firewall, or the internet provider blocks outgoing mail) or nothing listens there: check the port, or try 587 or 465"),
            SocketError.NetworkUnreachable or SocketError.HostUnreachable => ($"no route to {where}{others}",
                "this box cannot reach that network: check the network cable, the router and the gateway"),
            _ => ($"connecting to {where} failed ({error}){others}", "check the network connection and the smarthost's name and port"),
        };
        return new ProbeReport { FailedStage = ProbeStage.Connect, Summary = summary, Advice = advice };
    }

    /// <summary>A session that connected but ended before it was ready, by a reply, a TLS verdict, silence or a broken line.</summary>
    public static ProbeReport SessionFailed(Exception failure, SessionProgress progress, SmtpUpstream upstream, TimeSpan stageTimeout, DateTimeOffset now)
    {
        if (failure is DeliveryAbortedException aborted)
        {
            return Aborted(aborted, progress, upstream, now);
        }

        ProbeStage stage = StageOf(progress.Step);
        string summary = failure switch
        {
            TimeoutException => $"the server did not answer within {Seconds(stageTimeout)}",
            OperationCanceledException => "the test ran out of time",
            UpstreamProtocolException e => $"the server's answer is not SMTP ({e.Message})",
            _ => $"the server closed the connection ({failure.Message})",
        };
        string advice = (stage, upstream.Tls.WrapperMode) switch
        {
            (ProbeStage.Greeting, false) => $"port {upstream.Port} may expect implicit TLS (usually port 465): then set tls_wrappermode = yes; otherwise the server is busy or is not a mail server",
            (ProbeStage.Tls, true) => $"port {upstream.Port} may expect STARTTLS (usually port 587): then set tls_wrappermode = no",
            (ProbeStage.Greeting, true) => "check the port: implicit TLS (tls_wrappermode = yes) is usually port 465",
            _ => "try again in a minute; if it keeps failing, check the port and ask the provider",
        };
        return new ProbeReport { FailedStage = stage, Summary = summary, Advice = advice, Certificate = Seen(progress) };
    }

    private static ProbeReport Aborted(DeliveryAbortedException e, SessionProgress progress, SmtpUpstream upstream, DateTimeOffset now)
    {
        string? reply = e.Reply?.ToString();
        return e.Failure switch
        {
            DeliveryFailure.GreetingRefused => new ProbeReport
            {
                FailedStage = ProbeStage.Greeting, ServerReply = reply,
                Summary = $"the server turned the connection away: {Quote(reply)}",
                Advice = "the provider refuses this box (its address may be on a block list, or not allowed to send): read the reply, or ask the provider",
            },
            DeliveryFailure.HeloRefused => new ProbeReport
            {
                FailedStage = ProbeStage.Ehlo, ServerReply = reply,
                Summary = $"the server refused relaybox's name '{upstream.HeloName}': {Quote(reply)}",
                Advice = "set [server] hostname to a full name the provider accepts (e.g. relay.your-domain.example)",
            },
            DeliveryFailure.Tls when e.TlsFailure is TlsFailureReason.CertificateUntrusted or TlsFailureReason.NameMismatch or TlsFailureReason.FingerprintMismatch =>
                CertificateVerdict.Rejected(e.TlsFailure, Seen(progress), upstream.Tls, upstream.Host, now),
            DeliveryFailure.Tls => Tls(e, progress, upstream, reply),
            DeliveryFailure.Authentication => Auth(e.Auth, progress, upstream, reply),
            _ => new ProbeReport { FailedStage = StageOf(progress.Step), Summary = e.Message, Advice = "check the smarthost settings", ServerReply = reply },
        };
    }

    private static ProbeReport Tls(DeliveryAbortedException e, SessionProgress progress, SmtpUpstream upstream, string? reply)
    {
        int port = upstream.Port;
        (string summary, string advice) = e.TlsFailure switch
        {
            TlsFailureReason.StartTlsNotOffered => ("the server does not offer STARTTLS, and relaybox will not send the login or mail unencrypted",
                port == 465 ? "port 465 speaks implicit TLS: set tls_wrappermode = yes"
                : "use the provider's submission port (587 with STARTTLS, or 465 with tls_wrappermode = yes); tls_security_level = none only for a server on your own network"),
            TlsFailureReason.StartTlsRefused => ($"the server refused STARTTLS: {Quote(reply)}", "try again later; if it stays so, ask the provider or use port 465 with tls_wrappermode = yes"),
            TlsFailureReason.CaFileUnusable => ($"the CA file {upstream.Tls.CaFile} cannot be read or holds no certificate",
                "give tls_ca_file a readable PEM file with the CA's certificate (-----BEGIN CERTIFICATE-----)"),
            _ when upstream.Tls.WrapperMode => ($"the handshake on port {port} failed",
                $"port {port} may expect STARTTLS (usually 587): then set tls_wrappermode = no"),
            _ => ("the handshake failed (the server offers no TLS 1.2 or newer, or no common cipher, or cut the connection)",
                "the server's TLS is too old or broken: ask the provider, or try its other port (465 with tls_wrappermode = yes)"),
        };
        return new ProbeReport { FailedStage = ProbeStage.Tls, Summary = summary, Advice = advice, ServerReply = reply, Certificate = Seen(progress) };
    }

    private static ProbeReport Auth(AuthOutcome outcome, SessionProgress progress, SmtpUpstream upstream, string? reply)
    {
        string mechanism = progress.AuthMechanism ?? "AUTH";
        string login = upstream.Credentials?.Login ?? string.Empty;
        string offered = progress.Capabilities is { AuthMechanisms.Count: > 0 } capabilities
            ? string.Join(' ', capabilities.AuthMechanisms.Order(StringComparer.Ordinal)) : "none";
        string? quoted = Redacted(reply, upstream.Credentials);
        (string summary, string advice) = outcome switch
        {
            AuthOutcome.Refused => ($"the provider refused the login '{login}' ({mechanism}): {Quote(quoted)}",
                "check the user name and the password in sasl_password_file; many providers want an app password here, not the web-mail password"),
            AuthOutcome.Temporary => ($"the provider could not check the login now ({mechanism}): {Quote(quoted)}", "try again in a few minutes"),
            AuthOutcome.ServerNotVerified => ($"the server could not prove it knows the password ({mechanism}: its SCRAM signature is wrong)",
                "check the password in sasl_password_file; if it is right, the server is not the one you think: ask the provider"),
            _ => ($"no login method both sides allow on this connection (server offers: {offered})",
                progress.TlsProtocol == System.Security.Authentication.SslProtocols.None
                    ? "relaybox sends a password only over TLS: raise tls_security_level to encrypt or secure"
                    : "the server offers no login method relaybox knows: ask the provider which it supports"),
        };
        return new ProbeReport { FailedStage = ProbeStage.Auth, Summary = summary, Advice = advice, ServerReply = quoted, Certificate = Seen(progress) };
    }

    public static ProbeStage StageOf(SessionStep step) => step switch
    {
        SessionStep.Connect => ProbeStage.Connect,
        SessionStep.Greeting => ProbeStage.Greeting,
        SessionStep.Hello => ProbeStage.Ehlo,
        SessionStep.Tls => ProbeStage.Tls,
        _ => ProbeStage.Auth,
    };

    public static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";

    private static ProbeCertificate? Seen(SessionProgress progress) =>
        progress.PeerCertificate is { } der ? ProbeCertificate.FromDer(der) : null;

    /// <summary>A server that quotes the password back in its refusal must not get it onto the screen.</summary>
    private static string? Redacted(string? reply, UpstreamCredentials? credentials) =>
        reply is not null && credentials is { Password.Length: > 0 } c ? reply.Replace(c.Password, "********", StringComparison.Ordinal) : reply;

    private static string Quote(string? reply) =>
        reply is null ? "no reply" : reply.Length <= MaxQuotedReply ? reply : reply[..MaxQuotedReply] + "...";
}
