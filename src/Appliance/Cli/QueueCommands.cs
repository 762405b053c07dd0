using System.Globalization;
using System.Text;
using Relaybox.Appliance.Configuration.Options;
using Relaybox.Smtp.Queue;
using Relaybox.Smtp.Queue.Delivery;
using Relaybox.Smtp.Storage;

namespace Relaybox.Appliance.Cli;

/// <summary>
/// relaybox queue list|show|hold|release|delete, like mailq and postsuper. Safe while the daemon runs: the
/// daemon only adds new files, and every change here is a rename or an unlink done the queue's crash-safe way.
/// </summary>
public static class QueueCommands
{
    public const string Usage = """
          relaybox queue list                  every queued message: id, age, size, sender, recipients, last error
          relaybox queue show ID               one message: envelope, delivery state, headers
          relaybox queue hold ID|all           keep messages from delivery until released
          relaybox queue release ID|all        give held messages back to delivery
          relaybox queue delete ID|all         remove messages for good
        """;

    /// <summary>Headers shown by "queue show": enough for Subject/From/To, bounded for a terminal.</summary>
    private const int MaxHeaderLinesShown = 40;

    public static int Run(IReadOnlyList<string> words, RelayboxConfig config, TimeProvider time, TextWriter output, TextWriter error)
    {
        var queue = new QueueDirectory(Path.Combine(config.Server.DataDir, "queue"), PhysicalFileSystem.Instance);
        string verb = words.Count > 0 ? words[0] : "";
        string? target = words.Count > 1 ? words[1] : null;
        if (verb is "show" or "hold" or "release" or "delete" && target is null)
        {
            error.WriteLine($"relaybox queue {verb}: which message? (an id from \"relaybox queue list\"{(verb == "show" ? "" : ", or all")})");
            return ExitCodes.Usage;
        }

        try
        {
            return verb switch
            {
                "list" => List(queue, time, output),
                "show" => Show(queue, target!, output, error),
                "hold" => Change(queue, target!, [QueueFolder.Active, QueueFolder.Deferred], QueueFolder.Hold, "held", output, error),
                "release" => Change(queue, target!, [QueueFolder.Hold], QueueFolder.Active, "released", output, error),
                "delete" => Change(queue, target!, QueueDirectory.Folders, null, "deleted", output, error),
                _ => UnknownVerb(verb, error),
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"relaybox queue {verb}: {e.Message}");
            return ExitCodes.Failure;
        }
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
                    $"{message.Id}  {Age(time.GetUtcNow() - message.ArrivalTime),6}  {message.Size,9}  {sender}{held}"));
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
            string reply = recipient?.ReplyCode is { } code ? $" ({code} {recipient.ReplyText})" : "";
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
        string done, TextWriter output, TextWriter error)
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
            .Where(r => r.Status is RecipientStatus.Deferred or RecipientStatus.Failed && r.ReplyCode is not null)
            .Select(r => $"{r.Address}: {r.ReplyCode} {r.ReplyText}")
            .LastOrDefault();

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

    /// <summary>Age the way mailq readers expect: 42s, 7m, 3h, 2d.</summary>
    private static string Age(TimeSpan age) => age.TotalSeconds < 0 ? "0s"
        : age.TotalMinutes < 1 ? $"{(int)age.TotalSeconds}s"
        : age.TotalHours < 1 ? $"{(int)age.TotalMinutes}m"
        : age.TotalDays < 1 ? $"{(int)age.TotalHours}h"
        : $"{(int)age.TotalDays}d";

    private static int UnknownVerb(string verb, TextWriter error)
    {
        error.WriteLine($"relaybox queue: unknown command \"{verb}\"\n{Usage}");
        return ExitCodes.Usage;
    }
}
