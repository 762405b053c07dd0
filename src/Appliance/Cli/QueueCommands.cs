using System.Globalization;
using System.Text;
using Relaybox.Appliance.Configuration.Options;
using Relaybox.Appliance.Control;
using Relaybox.Smtp.Queue;
using Relaybox.Smtp.Queue.Delivery;
using Relaybox.Smtp.Storage;

namespace Relaybox.Appliance.Cli;

/// <summary>
/// relaybox queue list|show|flush|hold|release|delete, like mailq, postqueue and postsuper. While the daemon runs,
/// changes go through its control socket: its queue manager carries them out between delivery attempts, so a
/// command never races a delivery in progress. When no daemon answers, hold, release and delete act on the
/// files directly (each change a rename or an unlink done the queue's crash-safe way), and list and show
/// always read the files: reading never disturbs delivery.
/// </summary>
public static class QueueCommands
{
    public const string Usage = """
          relaybox queue list                  every queued message: id, age, size, sender, recipients, last error
          relaybox queue show ID               one message: envelope, delivery state, headers
          relaybox queue flush                 try every deferred message now
          relaybox queue hold ID|all           keep messages from delivery until released
          relaybox queue release ID|all        give held messages back to delivery, due at once
          relaybox queue delete ID|all         remove messages for good
        """;

    /// <summary>Headers shown by "queue show": enough for Subject/From/To, bounded for a terminal.</summary>
    private const int MaxHeaderLinesShown = 40;

    public static Task<int> RunAsync(IReadOnlyList<string> words, RelayboxConfig config, TimeProvider time, TextWriter output, TextWriter error,
        CancellationToken cancellationToken = default) =>
        RunAsync(words, config, new ControlClient(ControlSocket.PathIn(config.Server.DataDir)), time, output, error, cancellationToken);

    internal static async Task<int> RunAsync(IReadOnlyList<string> words, RelayboxConfig config, ControlClient daemon, TimeProvider time,
        TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var queue = new QueueDirectory(Path.Combine(config.Server.DataDir, "queue"), PhysicalFileSystem.Instance);
        string verb = words.Count > 0 ? words[0] : "";
        string? target = words.Count > 1 ? words[1] : null;
        if (verb is "show" or "hold" or "release" or "delete" && target is null)
        {
            error.WriteLine($"relaybox queue {verb}: which message? (an id from \"relaybox queue list\"{(verb == "show" ? "" : ", or all")})");
            return ExitCodes.Usage;
        }

        if (verb == "flush" && target is not null)
        {
            error.WriteLine("relaybox queue flush: takes no argument (it tries every deferred message)");
            return ExitCodes.Usage;
        }

        // The same answer on both paths for something that cannot be an id, without asking the daemon.
        if (verb is "hold" or "release" or "delete" && !ControlRequest.IsTarget(target!))
        {
            error.WriteLine($"relaybox queue: no message {target} that can be {Done(verb)}");
            return ExitCodes.Failure;
        }

        try
        {
            return verb switch
            {
                "list" => List(queue, time, output),
                "show" => Show(queue, target!, output, error),
                "flush" or "hold" or "release" or "delete" => await ChangeAsync(queue, daemon, verb, target, output, error, cancellationToken),
                _ => UnknownVerb(verb, error),
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"relaybox queue {verb}: {e.Message}");
            return ExitCodes.Failure;
        }
    }

    /// <summary>Through the daemon when one answers; on the files when none runs; not at all when it cannot be told.</summary>
    private static async Task<int> ChangeAsync(QueueDirectory queue, ControlClient daemon, string verb, string? target,
        TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var request = verb switch
        {
            "flush" => ControlRequest.Flush,
            "hold" => new ControlRequest(ControlVerb.Hold, target),
            "release" => new ControlRequest(ControlVerb.Release, target),
            _ => new ControlRequest(ControlVerb.Delete, target),
        };
        var reply = await daemon.SendAsync(request, cancellationToken);
        switch (reply.Outcome)
        {
            case ControlOutcome.Ok or ControlOutcome.Refused:
                return verb == "flush" ? PrintFlushed(reply, output, error) : PrintChanged(reply, target!, Done(verb), output, error);
            case ControlOutcome.Failed:
                // Acting on the files now could race the daemon that may be running: say so and change nothing.
                error.WriteLine($"relaybox queue {verb}: cannot reach the running relaybox: {reply.Error}");
                return ExitCodes.Failure;
        }

        return verb switch
        {
            "flush" => FlushWithoutDaemon(queue, output, error),
            "hold" => Change(queue, target!, [QueueFolder.Active, QueueFolder.Deferred], QueueFolder.Hold, "held", output, error),
            "release" => Change(queue, target!, [QueueFolder.Hold], QueueFolder.Active, "released", output, error,
                afterMove: id => MakeDueAtOnce(queue, QueueFolder.Active, id, error)),
            _ => Change(queue, target!, QueueDirectory.Folders, null, "deleted", output, error),
        };
    }

    private static string Done(string verb) => verb switch
    {
        "hold" => "held",
        "release" => "released",
        _ => "deleted",
    };

    private static int PrintChanged(ControlReply reply, string target, string done, TextWriter output, TextWriter error)
    {
        foreach (string id in reply.ChangedIds)
        {
            output.WriteLine($"{id} {done}");
        }

        int count = reply.ChangedCount ?? 0;
        if (count > reply.ChangedIds.Count)
        {
            output.WriteLine($"... and {count - reply.ChangedIds.Count} more {done}");
        }

        if (reply.Outcome == ControlOutcome.Refused)
        {
            error.WriteLine($"relaybox queue: {reply.Error}");
            return ExitCodes.Failure;
        }

        if (count > 0)
        {
            return ExitCodes.Ok;
        }

        error.WriteLine(target == ControlRequest.All ? "relaybox queue: nothing to change" : $"relaybox queue: no message {target} that can be {done}");
        return target == ControlRequest.All ? ExitCodes.Ok : ExitCodes.Failure;
    }

    private static int PrintFlushed(ControlReply reply, TextWriter output, TextWriter error)
    {
        if (reply.Outcome == ControlOutcome.Refused)
        {
            error.WriteLine($"relaybox queue flush: {reply.Error}");
            return ExitCodes.Failure;
        }

        int count = reply.ChangedCount ?? 0;
        output.WriteLine(count switch
        {
            0 => "no message is waiting for a retry: nothing to flush",
            1 => "1 message will be tried now",
            _ => $"{count} messages will be tried now",
        });
        return ExitCodes.Ok;
    }

    /// <summary>
    /// No daemon to try anything now: it delivers the queue when it starts. Clearing the retry times makes
    /// that "at once" rather than at each message's next scheduled attempt. Exit 0: what was asked will happen.
    /// </summary>
    private static int FlushWithoutDaemon(QueueDirectory queue, TextWriter output, TextWriter error)
    {
        var reader = new SpoolReader(queue);
        int madeDue = 0;
        foreach (var folder in (QueueFolder[])[QueueFolder.Active, QueueFolder.Deferred])
        {
            if (!Directory.Exists(queue.FolderPath(folder)))
            {
                continue;
            }

            foreach (var message in reader.List(folder).Messages)
            {
                madeDue += MakeDueAtOnce(queue, folder, message.Id, error) ? 1 : 0;
            }
        }

        output.WriteLine("relaybox is not running; its queue is delivered when it starts");
        if (madeDue > 0)
        {
            output.WriteLine($"{madeDue} deferred message{(madeDue == 1 ? " is" : "s are")} now due at once");
        }

        return ExitCodes.Ok;
    }

    /// <summary>
    /// Clears a message's next-attempt time and hold reason so the daemon tries it as soon as it starts; true
    /// when the state changed. A damaged state is left for the daemon to report, never replaced.
    /// </summary>
    private static bool MakeDueAtOnce(QueueDirectory queue, QueueFolder folder, string id, TextWriter error)
    {
        if (!File.Exists(queue.StatePath(folder, id)) || new SpoolReader(queue).ReadOne(folder, id).Message is not { } message)
        {
            return false; // no state: a message nobody has tried yet is due at once already
        }

        var states = new DeliveryStateStore(queue);
        DeliveryState state;
        try
        {
            state = states.Load(message);
        }
        catch (DeliveryStateFormatException e)
        {
            error.WriteLine($"relaybox queue: {id}: delivery state unreadable, left as it is: {e.Message}");
            return false;
        }

        if (state.NextAttempt is null && state.HeldReason is null)
        {
            return false;
        }

        states.Save(folder, id, state with { NextAttempt = null, HeldReason = null });
        return true;
    }

    private static int List(QueueDirectory queue, TimeProvider time, TextWriter output)
    {
        var reader = new SpoolReader(queue);
        var states = new DeliveryStateStore(queue);
        int count = 0;
        foreach (var folder in QueueDirectory.Folders)
        {
            var listing = reader.List(folder);
            foreach (var message in listing.Messages)
            {
                count++;
                var envelope = message.Envelope;
                string sender = envelope.ReversePath.Length == 0 ? "<>" : envelope.ReversePath;
                string held = folder == QueueFolder.Hold ? "  (held)" : "";
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{message.Id}  {AgeText.Format(time.GetUtcNow() - message.ArrivalTime),6}  {message.Size,9}  {sender}{held}"));
                output.WriteLine("    -> " + string.Join(", ", envelope.Recipients.Select(r => r.Address)));
                if (LastError(states, message) is { } lastError)
                {
                    output.WriteLine("    last error: " + lastError);
                }
            }

            foreach (var corrupt in listing.Corrupt)
            {
                count++;
                output.WriteLine($"{corrupt.Id}  unreadable in {folder.ToString().ToLowerInvariant()}/: {corrupt.Problem}");
            }
        }

        output.WriteLine(count == 0 ? "queue is empty" : $"{count} message{(count == 1 ? "" : "s")}");
        return ExitCodes.Ok;
    }

    private static int Show(QueueDirectory queue, string id, TextWriter output, TextWriter error)
    {
        if (Find(queue, id) is not { } message)
        {
            error.WriteLine($"relaybox queue show: no message {id}");
            return ExitCodes.Failure;
        }

        var envelope = message.Envelope;
        output.WriteLine($"id:        {message.Id} ({message.Folder.ToString().ToLowerInvariant()})");
        output.WriteLine($"arrived:   {message.ArrivalTime:yyyy-MM-dd HH:mm:ss zzz} from {envelope.ClientAddress} (HELO {envelope.HeloName})");
        output.WriteLine($"login:     {envelope.AuthenticatedLogin ?? "(none)"}");
        output.WriteLine($"size:      {message.Size} bytes");
        output.WriteLine($"sender:    {(envelope.ReversePath.Length == 0 ? "<>" : envelope.ReversePath)}");
        DeliveryState? state = TryLoadState(new DeliveryStateStore(queue), message);
        for (int i = 0; i < envelope.Recipients.Count; i++)
        {
            var recipient = state?.Recipients[i];
            string status = recipient is null ? "pending" : recipient.Status.ToString().ToLowerInvariant();
            string reply = recipient is { ReplyCode: not null } or { ReplyText: not null } ? $" ({Reply(recipient)})" : "";
            output.WriteLine($"recipient: {envelope.Recipients[i].Address}  {status}{reply}");
        }

        output.WriteLine();
        using var content = new StreamReader(message.OpenContent(), Encoding.UTF8);
        for (int shown = 0; shown < MaxHeaderLinesShown && content.ReadLine() is { Length: > 0 } line; shown++)
        {
            output.WriteLine(line);
        }

        return ExitCodes.Ok;
    }

    /// <summary>Moves (or, with no destination, removes) one message or all of those in <paramref name="from"/>.</summary>
    private static int Change(QueueDirectory queue, string target, IReadOnlyList<QueueFolder> from, QueueFolder? to,
        string done, TextWriter output, TextWriter error, Action<string>? afterMove = null)
    {
        var reader = new SpoolReader(queue);
        var chosen = from.SelectMany(folder => reader.List(folder).Messages)
            .Where(m => target == "all" || m.Id == target)
            .ToList();
        if (chosen.Count == 0)
        {
            error.WriteLine(target == "all" ? $"relaybox queue: nothing to change" : $"relaybox queue: no message {target} that can be {done}");
            return target == "all" ? ExitCodes.Ok : ExitCodes.Failure;
        }

        foreach (var message in chosen)
        {
            if (to is { } destination)
            {
                queue.Move(message.Id, message.Folder, destination);
                afterMove?.Invoke(message.Id);
            }
            else
            {
                queue.Remove(message.Id, message.Folder);
            }

            output.WriteLine($"{message.Id} {done}");
        }

        return ExitCodes.Ok;
    }

    private static QueuedMessage? Find(QueueDirectory queue, string id)
    {
        if (!QueueIdGenerator.IsValid(id))
        {
            return null;
        }

        var reader = new SpoolReader(queue);
        return QueueDirectory.Folders.Select(folder => reader.ReadOne(folder, id).Message).FirstOrDefault(m => m is not null);
    }

    private static string? LastError(DeliveryStateStore states, QueuedMessage message) =>
        TryLoadState(states, message)?.Recipients
            .Where(r => r.Status is RecipientStatus.Deferred or RecipientStatus.Failed && (r.ReplyCode is not null || r.ReplyText is not null))
            .Select(r => $"{r.Address}: {Reply(r)}")
            .LastOrDefault();

    /// <summary>The remote reply ("451 4.3.0 try later"), or relaybox's own reason when no reply came (e.g. the connection was refused).</summary>
    private static string Reply(RecipientState recipient) =>
        recipient.ReplyCode is { } code ? $"{code} {recipient.ReplyText}" : recipient.ReplyText ?? "";

    private static DeliveryState? TryLoadState(DeliveryStateStore states, QueuedMessage message)
    {
        try
        {
            return states.Load(message);
        }
        catch (DeliveryStateFormatException)
        {
            return null; // an unreadable state is reported by the daemon; listing still shows the message
        }
    }

    private static int UnknownVerb(string verb, TextWriter error)
    {
        error.WriteLine($"relaybox queue: unknown command \"{verb}\"\n{Usage}");
        return ExitCodes.Usage;
    }
}
