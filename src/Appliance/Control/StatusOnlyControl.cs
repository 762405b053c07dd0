namespace Relaybox.Appliance.Control;

/// <summary>
/// A daemon side that answers only "status" from a <see cref="StatusSource"/> (tests and tools that need
/// nothing more); the other requests are refused with a reason, never guessed at.
/// </summary>
internal sealed class StatusOnlyControl(StatusSource status) : IDaemonControl
{
    private const string NotHere = "not available from this server";

    public Task<IReadOnlyList<string>> StatusAsync(CancellationToken cancellationToken) => status(cancellationToken);

    public Task<string?> ReloadAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(NotHere);

    public IReadOnlyList<string> RecentLog(int count) => [];

    public Task<TestMailResult> QueueTestMailAsync(string address, CancellationToken cancellationToken) =>
        Task.FromResult(TestMailResult.Refused(NotHere));

    public int? ButtonPresses => null;
}
