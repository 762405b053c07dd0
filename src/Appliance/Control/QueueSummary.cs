using Relaybox.Smtp.Queue;

namespace Relaybox.Appliance.Control;

/// <summary>
/// The queue in one or two status lines, read from the files: "queue: 3 messages (active 1, deferred 1,
/// held 1), oldest 2h". "relaybox status" prints it when no daemon runs; the daemon's status source may use it
/// too, so both read the same.
/// </summary>
public static class QueueSummary
{
    public static IReadOnlyList<string> Describe(QueueDirectory queue, TimeProvider time)
    {
        if (!Directory.Exists(queue.Root))
        {
            return ["queue: empty (no queue directory yet)"];
        }

        var reader = new SpoolReader(queue);
        var counts = new List<string>();
        int total = 0;
        int unreadable = 0;
        DateTimeOffset? oldest = null;
        foreach (var folder in QueueDirectory.Folders)
        {
            var listing = Directory.Exists(queue.FolderPath(folder)) ? reader.List(folder) : new QueueListing([], []);
            total += listing.Messages.Count;
            unreadable += listing.Corrupt.Count;
            counts.Add($"{FolderName(folder)} {listing.Messages.Count}");
            foreach (var message in listing.Messages)
            {
                oldest = oldest is { } known && known <= message.ArrivalTime ? known : message.ArrivalTime;
            }
        }

        var lines = new List<string>
        {
            oldest is { } arrival
                ? $"queue: {Messages(total)} ({string.Join(", ", counts)}), oldest {AgeText.Format(time.GetUtcNow() - arrival)}"
                : "queue: empty",
        };
        if (unreadable > 0)
        {
            lines.Add($"queue: {unreadable} unreadable {(unreadable == 1 ? "entry" : "entries")} (see relaybox queue list)");
        }

        return lines;
    }

    private static string Messages(int count) => count == 1 ? "1 message" : $"{count} messages";

    private static string FolderName(QueueFolder folder) => folder switch
    {
        QueueFolder.Active => "active",
        QueueFolder.Deferred => "deferred",
        _ => "held",
    };
}
