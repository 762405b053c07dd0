using Relaybox.Appliance.Configuration.Options;
using Relaybox.Appliance.Control;
using Relaybox.Smtp.Queue;
using Relaybox.Smtp.Storage;

namespace Relaybox.Appliance.Cli;

/// <summary>
/// relaybox status: what the running daemon reports (queue, alerts). Without a daemon it says so, adds what
/// it can read from the files itself, and exits 3, as "systemctl is-active" does for an inactive unit, so
/// scripts can tell "not running" from "could not ask".
/// </summary>
public static class StatusCommand
{
    /// <summary>The daemon is not running (LSB "program is not running", also systemctl is-active's code for inactive).</summary>
    public const int NotRunningExitCode = 3;

    public static Task<int> RunAsync(RelayboxConfig config, TimeProvider time, TextWriter output, TextWriter error,
        CancellationToken cancellationToken = default) =>
        RunAsync(config, new ControlClient(ControlSocket.PathIn(config.Server.DataDir)), time, output, error, cancellationToken);

    internal static async Task<int> RunAsync(RelayboxConfig config, ControlClient daemon, TimeProvider time, TextWriter output, TextWriter error,
        CancellationToken cancellationToken)
    {
        var reply = await daemon.SendAsync(ControlRequest.Status, cancellationToken);
        switch (reply.Outcome)
        {
            case ControlOutcome.Ok:
                output.WriteLine("relaybox is running");
                foreach (string line in reply.Lines)
                {
                    output.WriteLine(line);
                }

                return ExitCodes.Ok;
            case ControlOutcome.Refused:
                error.WriteLine($"relaybox status: {reply.Error}");
                return ExitCodes.Failure;
            case ControlOutcome.Failed:
                error.WriteLine($"relaybox status: cannot reach the running relaybox: {reply.Error}");
                return ExitCodes.Failure;
        }

        output.WriteLine("relaybox is not running");
        var queue = new QueueDirectory(Path.Combine(config.Server.DataDir, "queue"), PhysicalFileSystem.Instance);
        try
        {
            foreach (string line in QueueSummary.Describe(queue, time))
            {
                output.WriteLine(line);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"relaybox status: cannot read the queue: {e.Message}");
        }

        return NotRunningExitCode;
    }
}
