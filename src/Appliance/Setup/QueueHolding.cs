using Relaybox.Smtp.Queue;

namespace Relaybox.Appliance.Setup;

/// <summary>
/// Puts every waiting message on hold by moving its files, for when no queue manager runs (a reset at start-up
/// or from the command line with the daemon stopped). Messages keep their ".state", so recipients already
/// served are not sent to again when the admin releases them.
/// </summary>
public static class QueueHolding
{
    /// <summary>Moves active/ and deferred/ to hold/; returns how many messages moved.</summary>
    public static int HoldEverything(QueueDirectory queue)
    {
        if (!Directory.Exists(queue.Root))
        {
            return 0;
        }

        queue.EnsureCreated();
        int moved = 0;
        foreach (var folder in new[] { QueueFolder.Active, QueueFolder.Deferred })
        {
            foreach (string id in Ids(queue.FolderPath(folder), QueueDirectory.QueueFileExtension))
            {
                queue.Move(id, folder, QueueFolder.Hold);
                moved++;
            }

            // A crash inside Move leaves the ".state" behind its ".q": send it after its message now.
            foreach (string id in Ids(queue.FolderPath(folder), QueueDirectory.StateExtension))
            {
                if (File.Exists(queue.QueueFilePath(QueueFolder.Hold, id)))
                {
                    queue.FileSystem.Rename(queue.StatePath(folder, id), queue.StatePath(QueueFolder.Hold, id));
                    queue.FileSystem.FlushDirectory(queue.FolderPath(QueueFolder.Hold));
                    queue.FileSystem.FlushDirectory(queue.FolderPath(folder));
                }
            }
        }

        return moved;
    }

    private static string[] Ids(string folder, string extension) =>
        Directory.EnumerateFiles(folder, "*" + extension)
            .Select(path => Path.GetFileName(path)[..^extension.Length])
            .Where(id => QueueIdGenerator.IsValid(id))
            .Order(StringComparer.Ordinal)
            .ToArray();
}
