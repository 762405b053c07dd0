using System.Globalization;
using Relaybox.Appliance.Control;

namespace Relaybox.Appliance.Cli;

/// <summary>relaybox log [--lines N]: the last lines the running daemon logged (from its memory, so also where there is no journal).</summary>
public static class LogCommand
{
    public static async Task<int> RunAsync(string? lines, ControlClient daemon, TextWriter output, TextWriter error,
        CancellationToken cancellationToken = default)
    {
        int count = ControlRequest.DefaultLogLines;
        if (lines is not null && !ControlRequest.TryParseLineCount(lines, out count))
        {
            error.WriteLine($"relaybox log: --lines takes a number from 1 to {ControlRequest.MaxLogLines.ToString(CultureInfo.InvariantCulture)}");
            return ExitCodes.Usage;
        }

        var reply = await daemon.SendAsync(ControlRequest.Log(count), cancellationToken);
        if (reply.Outcome != ControlOutcome.Ok)
        {
            return DaemonReply.Report("log", reply, "relaybox is not running; its earlier log is in the system journal (journalctl -u relaybox)", output, error);
        }

        foreach (string line in reply.Lines)
        {
            output.WriteLine(line);
        }

        return ExitCodes.Ok;
    }
}
