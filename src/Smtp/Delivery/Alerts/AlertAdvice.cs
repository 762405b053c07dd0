using Serilog.Events;

namespace Relaybox.Smtp.Delivery.Alerts;

/// <summary>
/// The words for each kind of alert: the mail's subject, one sentence on what happened, and what a home user
/// should do about it. One place, so the log line and the admin mail always say the same.
/// </summary>
internal static class AlertAdvice
{
    public static string Subject(AlertKind kind) => kind switch
    {
        AlertKind.SmarthostLoginRefused => "relaybox: the smarthost refused relaybox's login",
        AlertKind.SmarthostCertificateRejected => "relaybox: the smarthost's certificate is not trusted",
        AlertKind.SmarthostUnreachable => "relaybox: the smarthost cannot be reached",
        AlertKind.OutboundPortBlocked => "relaybox: outbound port 25 is blocked",
        AlertKind.QueueStuck => "relaybox: mail is stuck in the queue",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown alert kind"),
    };

    public static string WhatHappened(AlertKind kind) => kind switch
    {
        AlertKind.SmarthostLoginRefused =>
            "The smarthost (your mail provider's server) refused the login relaybox sends it, so no mail goes out.",
        AlertKind.SmarthostCertificateRejected =>
            "The smarthost's certificate is not trusted, so relaybox does not send it any mail " +
            "(it would not know who it is talking to).",
        AlertKind.SmarthostUnreachable =>
            "relaybox cannot connect to the smarthost (your mail provider's server), so no mail goes out.",
        AlertKind.OutboundPortBlocked =>
            "Connections to port 25 time out for every mail server relaybox tries: your internet provider most " +
            "likely blocks outbound port 25, as many home connections do, so relaybox cannot deliver directly.",
        AlertKind.QueueStuck =>
            "Mail is waiting in relaybox's queue longer than it should: it is not being delivered.",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown alert kind"),
    };

    public static string WhatToDo(AlertKind kind, string passwordFile) => kind switch
    {
        AlertKind.SmarthostLoginRefused =>
            $"Check the login in {passwordFile} (one line: login, a space, the password; your provider may " +
            "require an app password).",
        AlertKind.SmarthostCertificateRejected =>
            "If your provider changed its certificate, check [relay] tls_fingerprint (the pinned fingerprint) " +
            "or [relay] tls_ca_file (a private CA) in relaybox.ini, and that [relay] relayhost names the " +
            "server as its certificate does.",
        AlertKind.SmarthostUnreachable =>
            "Check that relaybox has a network connection and that [relay] relayhost names the right server " +
            "and port; your provider may also be down. relaybox keeps retrying on its own.",
        AlertKind.OutboundPortBlocked =>
            "Your provider blocks outbound port 25; set [relay] relayhost (or fallback_relay) in relaybox.ini " +
            "to your provider's submission server (e.g. [smtp.example.net]:587) with its login in " +
            "[relay] sasl_password_file.",
        AlertKind.QueueStuck =>
            "Look at the waiting messages and the last error of each, and fix what it says.",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown alert kind"),
    };

    /// <summary>The command to run once the cause is fixed (or, for a stuck queue, to see it): kept whole on a line of its own.</summary>
    public static string Command(AlertKind kind) =>
        kind == AlertKind.QueueStuck ? "relaybox queue list" : "relaybox queue flush";

    /// <summary>The words before <see cref="Command"/>.</summary>
    public static string CommandIntro(AlertKind kind) =>
        kind == AlertKind.QueueStuck ? "To see the waiting mail, run:" : "Then run:";

    /// <summary>
    /// An unreachable smarthost is often the provider's outage and may pass on its own: a warning. The rest
    /// need the owner's hand: errors.
    /// </summary>
    public static LogEventLevel LogLevel(AlertKind kind) =>
        kind == AlertKind.SmarthostUnreachable ? LogEventLevel.Warning : LogEventLevel.Error;

    /// <summary>The kind's name in the state file: stable, independent of the enum's spelling.</summary>
    public static string Token(AlertKind kind) => kind switch
    {
        AlertKind.SmarthostLoginRefused => "smarthost-login-refused",
        AlertKind.SmarthostCertificateRejected => "smarthost-certificate-rejected",
        AlertKind.SmarthostUnreachable => "smarthost-unreachable",
        AlertKind.OutboundPortBlocked => "outbound-port-blocked",
        AlertKind.QueueStuck => "queue-stuck",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown alert kind"),
    };

    public static AlertKind? ParseToken(string token) => token switch
    {
        "smarthost-login-refused" => AlertKind.SmarthostLoginRefused,
        "smarthost-certificate-rejected" => AlertKind.SmarthostCertificateRejected,
        "smarthost-unreachable" => AlertKind.SmarthostUnreachable,
        "outbound-port-blocked" => AlertKind.OutboundPortBlocked,
        "queue-stuck" => AlertKind.QueueStuck,
        _ => null,
    };
}
