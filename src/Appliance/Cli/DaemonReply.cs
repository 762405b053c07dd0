using Relaybox.Appliance.Control;

namespace Relaybox.Appliance.Cli;

/// <summary>
/// The one way the daemon-only commands (reload, log, send-test, tls) report a control reply that was not "ok":
/// refused or unreachable is exit 1, not running is exit 3 (as "relaybox status" does).
/// </summary>
internal static class DaemonReply
{
    /// <summary>Prints the problem for a reply that is not <see cref="ControlOutcome.Ok"/> and returns its exit code.</summary>
    public static int Report(string command, ControlReply reply, string notRunning, TextWriter output, TextWriter error)
    {
        switch (reply.Outcome)
        {
            case ControlOutcome.Refused:
                error.WriteLine($"relaybox {command}: {reply.Error}");
                return ExitCodes.Failure;
            case ControlOutcome.Failed:
                error.WriteLine($"relaybox {command}: cannot reach the running relaybox: {reply.Error}");
                return ExitCodes.Failure;
            default:
                output.WriteLine(notRunning);
                return StatusCommand.NotRunningExitCode;
        }
    }

    public static ControlClient ClientFor(Configuration.Options.RelayboxConfig config) => new(ControlSocket.PathIn(config.Server.DataDir));
}
