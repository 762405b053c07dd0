namespace Relaybox.Smtp.Delivery.Alerts;

/// <summary>
/// What the alert state file holds: the raised alerts (oldest first) and when the admin was last mailed
/// about each kind. <see cref="Problem"/> says why the file could not be read (then the lists are empty);
/// null when it was read, or when there is no file yet.
/// </summary>
public sealed record OwnerAlertState(
    IReadOnlyList<Alert> Active,
    IReadOnlyDictionary<AlertKind, DateTimeOffset> LastMailed,
    string? Problem = null)
{
    public static OwnerAlertState Empty { get; } = new([], new Dictionary<AlertKind, DateTimeOffset>());
}
