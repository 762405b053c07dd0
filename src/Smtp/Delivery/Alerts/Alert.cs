namespace Relaybox.Smtp.Delivery.Alerts;

/// <summary>One raised alert: what, since when, and the reason as the log and the admin mail give it.</summary>
public sealed record Alert(AlertKind Kind, DateTimeOffset Since, string Detail);
