using Relaybox.Appliance.Control;

namespace Relaybox.Appliance.Cli;

/// <summary>
/// relaybox reload: what SIGHUP does, but the answer says whether it worked. Exit 0 reloaded, 1 refused (the
/// configuration has errors: the old one keeps serving, and the first error is printed), 3 not running.
/// </summary>
public static class ReloadCommand
{
    public static async Task<int> RunAsync(ControlClient daemon, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var reply = await daemon.SendAsync(ControlRequest.Reload, cancellationToken);
        if (reply.Outcome == ControlOutcome.Ok)
        {
            output.WriteLine("relaybox reloaded its configuration, users and certificate");
            return ExitCodes.Ok;
        }

        return DaemonReply.Report("reload", reply, "relaybox is not running; it reads the configuration when it starts", output, error);
    }
}
