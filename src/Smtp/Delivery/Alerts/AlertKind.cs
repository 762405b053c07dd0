namespace Relaybox.Smtp.Delivery.Alerts;

/// <summary>The problems relaybox tells its owner about (LED "error", console status, one admin mail each).</summary>
public enum AlertKind
{
    SmarthostLoginRefused,
    SmarthostCertificateRejected,
    SmarthostUnreachable,
    OutboundPortBlocked,
    QueueStuck,
}
