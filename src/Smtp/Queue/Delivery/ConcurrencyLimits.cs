namespace Relaybox.Smtp.Queue.Delivery;

/// <summary>
/// How many delivery attempts may run at once. Postfix allows 100 processes and 20 per destination
/// (default_process_limit, default_destination_concurrency_limit); a Raspberry-Pi-class board relaying for
/// a LAN needs far fewer, and one smarthost should not see more connections from one client than a
/// provider's per-client limit (commonly 5–10), hence 10 in total and 5 per destination.
/// </summary>
public sealed record ConcurrencyLimits(int Total, int PerDestination)
{
    public static ConcurrencyLimits Default { get; } = new(Total: 10, PerDestination: 5);

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Total, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(PerDestination, 1);
    }
}
