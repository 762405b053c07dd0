using System.Globalization;
using System.Text;
using Relaybox.Smtp.Storage;

namespace Relaybox.Appliance.Setup;

/// <summary>
/// "&lt;data_dir&gt;/factory-reset": written (atomically) before a reset changes anything and deleted after the
/// last step, so a reset cut short by a power failure is seen, and finished, at the next start. It holds the
/// reset's start time, which names the backups, so the rerun finds the ones already made:
/// <code>
/// relaybox-factory-reset 1
/// 1795461330
/// </code>
/// </summary>
public static class FactoryResetMarker
{
    public const string FileName = "factory-reset";

    private const string Magic = "relaybox-factory-reset 1";

    public static string PathIn(string dataDir) => Path.Combine(dataDir, FileName);

    /// <summary>Whether a reset was started in <paramref name="dataDir"/> and not finished.</summary>
    public static bool IsPending(string dataDir) => File.Exists(PathIn(dataDir));

    /// <summary>The start time of the unfinished reset; null when none is pending or the marker is not readable.</summary>
    public static DateTimeOffset? ReadStartedAt(string dataDir)
    {
        string path = PathIn(dataDir);
        if (!File.Exists(path))
        {
            return null;
        }

        string[] lines = File.ReadAllText(path, Encoding.ASCII).Split('\n');
        return lines.Length >= 2 && lines[0] == Magic
            && long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out long seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
    }

    public static void Write(SafeFile safeFile, string dataDir, DateTimeOffset startedAt) =>
        safeFile.WriteAllBytes(PathIn(dataDir),
            Encoding.ASCII.GetBytes($"{Magic}\n{startedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}\n"),
            UnixFileMode.UserRead | UnixFileMode.UserWrite);
}
