using Relaybox.Appliance.Configuration.Options;
using Relaybox.Appliance.Configuration.Values;
using Relaybox.Appliance.Control;
using Relaybox.Appliance.Hosting;
using Relaybox.Smtp.Delivery.Manager;
using Relaybox.Smtp.Queue;
using Relaybox.Smtp.Queue.Delivery;
using Relaybox.Smtp.Storage;

namespace Relaybox.Appliance.Cli;

/// <summary>
/// relaybox send-test [ADDRESS] [--wait N]: the running daemon queues a test message (to ADDRESS, else the
/// [rewrite] admin), then this waits up to N seconds watching the queue for its fate: "delivered" (exit 0), or
/// the reply that deferred or refused it (exit 1). Exit 3 when relaybox is not running, 64 without a usable address.
/// </summary>
public static class SendTestCommand
{
    public const int DefaultWaitSeconds = 30;
    public const int MaxWaitSeconds = 600;

    /// <summary>How often the queue is looked at while waiting: a delivery to a smarthost takes about a second.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public static async Task<int> RunAsync(string? address, TimeSpan wait, RelayboxConfig config, ControlClient daemon, TimeProvider time,
        TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        string? to = address ?? config.Rewrite.Admin;
        if (to is null)
        {
            error.WriteLine("relaybox send-test: which address? Give one (relaybox send-test you@example.net) or set [rewrite] admin");
            return ExitCodes.Usage;
        }

        if (!MailAddressValue.TryParse(to, out _, out string? problem) || to.Length == 0)
        {
            error.WriteLine($"relaybox send-test: {problem ?? "which address?"}");
            return ExitCodes.Usage;
        }

        var reply = await daemon.SendAsync(ControlRequest.TestMail(to), cancellationToken);
        if (reply.Outcome != ControlOutcome.Ok)
        {
            return DaemonReply.Report("send-test", reply, "relaybox is not running: start it first, the test message goes through the running daemon", output, error);
        }

        string id = reply.Lines.FirstOrDefault(l => l.StartsWith(ControlResponse.QueuedPrefix, StringComparison.Ordinal))?[ControlResponse.QueuedPrefix.Length..] ?? "";
        output.WriteLine($"test message {id} queued for {to}");
        if (!config.Queue.Deliver)
        {
            output.WriteLine("not delivered: delivery is off ([queue] deliver = no); the message waits in the queue");
            return ExitCodes.Failure;
        }

        var queue = new QueueDirectory(Path.Combine(config.Server.DataDir, "queue"), PhysicalFileSystem.Instance);
        var deadline = time.GetUtcNow() + wait;
        while (true)
        {
            var seen = Look(queue, id);
            if (seen.Gone)
            {
                return await ReportGoneAsync(id, daemon, output, cancellationToken);
            }

            if (seen.Problem is { } reason)
            {
                output.WriteLine($"not delivered: {reason}");
                output.WriteLine($"relaybox tries again later; see relaybox queue show {id}");
                return ExitCodes.Failure;
            }

            if (time.GetUtcNow() >= deadline)
            {
                output.WriteLine($"not delivered within {wait.TotalSeconds:0} s; it is still in the queue (relaybox queue show {id})");
                return ExitCodes.Failure;
            }

            await Task.Delay(PollInterval, time, cancellationToken);
        }
    }

    /// <summary>Gone from the queue: delivered, unless the daemon's last problem is this message failing for good.</summary>
    private static async Task<int> ReportGoneAsync(string id, ControlClient daemon, TextWriter output, CancellationToken cancellationToken)
    {
        var status = await daemon.SendAsync(ControlRequest.Status, cancellationToken);
        string? failed = status.Lines.FirstOrDefault(l => l.StartsWith(StatusLines.LastProblemPrefix, StringComparison.Ordinal)
                                                          && l.Contains(" " + id + " failed ", StringComparison.Ordinal));
        if (failed is not null)
        {
            output.WriteLine("not delivered: " + failed[StatusLines.LastProblemPrefix.Length..]);
            return ExitCodes.Failure;
        }

        output.WriteLine("delivered");
        return ExitCodes.Ok;
    }

    /// <summary>Whether the message is still queued, and the reply of a recipient deferred or failed.</summary>
    private static (bool Gone, string? Problem) Look(QueueDirectory queue, string id)
    {
        try
        {
            var reader = new SpoolReader(queue);
            var message = QueueDirectory.Folders.Select(folder => reader.ReadOne(folder, id).Message).FirstOrDefault(m => m is not null);
            if (message is null)
            {
                return (true, null);
            }

            var recipient = new DeliveryStateStore(queue).Load(message).Recipients
                .FirstOrDefault(r => r.Status is RecipientStatus.Deferred or RecipientStatus.Failed);
            return (false, recipient is null ? null
                : (recipient.Status == RecipientStatus.Failed ? "refused: " : "deferred: ")
                  + DeliveryProblem.ReplyOf(recipient));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DeliveryStateFormatException)
        {
            // Removed or rewritten while being read: look again at the next poll.
            return (false, null);
        }
    }
}
