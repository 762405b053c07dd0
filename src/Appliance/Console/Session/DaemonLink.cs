using Relaybox.Appliance.Control;

namespace Relaybox.Appliance.Console.Session;

/// <summary>
/// The console's line to the running daemon: its control socket in the data directory. Everything that changes
/// what the daemon does at run time (reload, queue commands, the test mail) goes through it, so the console never
/// races the daemon over the same files.
/// </summary>
public sealed class DaemonLink(string socketPath)
{
    private readonly ControlClient client = new(socketPath);

    public ControlClient Client => client;

    public Task<ControlReply> ReloadAsync(CancellationToken cancellationToken) => client.SendAsync(ControlRequest.Reload, cancellationToken);

    public Task<ControlReply> StatusAsync(CancellationToken cancellationToken) => client.SendAsync(ControlRequest.Status, cancellationToken);

    /// <summary>Short button presses the daemon has seen since it started; null when it has no button or does not run.</summary>
    public async Task<int?> ButtonPressesAsync(CancellationToken cancellationToken)
    {
        var reply = await client.SendAsync(ControlRequest.Button, cancellationToken);
        return reply.Outcome == ControlOutcome.Ok && reply.Lines.Count > 0
               && reply.Lines[0].StartsWith(ControlResponse.PressesPrefix, StringComparison.Ordinal)
               && int.TryParse(reply.Lines[0].AsSpan(ControlResponse.PressesPrefix.Length), System.Globalization.NumberStyles.None,
                   System.Globalization.CultureInfo.InvariantCulture, out int presses)
            ? presses
            : null;
    }
}
