using System.Globalization;
using System.Text;
using Relaybox.Smtp.Queue;
using Relaybox.Smtp.Storage;

namespace Relaybox.Smtp.Delivery.Alerts;

/// <summary>
/// The alert state file, written by the daemon (<see cref="OwnerAlerts"/>) and read by it at start and by the
/// console, a separate process. ASCII text in the style of the queue's files:
/// <code>
/// relaybox-alerts 1
/// alert smarthost-login-refused 2026-11-22T10:00:00.0000000+00:00 535%205.7.8%20authentication%20failed
/// mailed smarthost-login-refused 2026-11-22T10:00:00.0000000+00:00
/// end
/// </code>
/// "alert kind since detail": one per raised alert, oldest first; the detail escaped like envelope values
/// (no spaces or line ends, "%XX" for the rest). "mailed kind time": the last mail about a kind, kept after
/// the alert clears so the rate limit survives a restart. The final "end" proves the file whole; the file is
/// always replaced atomically (<see cref="SafeFile"/>, mode 0600).
/// </summary>
public static class OwnerAlertFile
{
    public const int FormatVersion = 1;

    internal const string Magic = "relaybox-alerts";

    /// <summary>Five alerts with details of at most <see cref="OwnerAlerts.MaxDetailLength"/> characters fit many times over.</summary>
    public const int MaxFileLength = 64 * 1024;

    /// <summary>Owner-only, like the queue: details may name hosts and logins.</summary>
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Reads the file at <paramref name="path"/>. Never throws for the file's sake: no file is
    /// <see cref="OwnerAlertState.Empty"/>, and a damaged or unreadable one comes back empty with
    /// <see cref="OwnerAlertState.Problem"/> saying what is wrong (with the line number).
    /// </summary>
    public static OwnerAlertState Read(string path)
    {
        byte[] content;
        try
        {
            using var stream = new FileStream(path, System.IO.FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
            if (stream.Length > MaxFileLength)
            {
                return Damaged($"{path}: file is larger than {MaxFileLength} bytes");
            }

            content = new byte[stream.Length];
            stream.ReadExactly(content);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return OwnerAlertState.Empty;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Damaged($"{path}: cannot read: {e.Message}");
        }

        try
        {
            return Parse(content);
        }
        catch (FormatException e)
        {
            return Damaged($"{path}: {e.Message}");
        }
    }

    /// <summary>Parses the file's bytes; throws <see cref="FormatException"/> (message with the line number) on anything unexpected.</summary>
    public static OwnerAlertState Parse(ReadOnlySpan<byte> content)
    {
        if (content.Length > MaxFileLength)
        {
            throw new FormatException($"file is larger than {MaxFileLength} bytes");
        }

        if (!Ascii.IsValid(content))
        {
            throw new FormatException("file contains bytes that are not ASCII");
        }

        return new OwnerAlertFileReader(Encoding.ASCII.GetString(content)).Read();
    }

    public static byte[] Write(OwnerAlertState state)
    {
        var text = new StringBuilder(256);
        text.Append(Magic).Append(' ').Append(FormatVersion.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var alert in state.Active)
        {
            text.Append("alert ").Append(AlertAdvice.Token(alert.Kind)).Append(' ').Append(FormatTime(alert.Since)).Append(' ');
            FieldEscaping.Append(text, alert.Detail);
            text.Append('\n');
        }

        foreach (var (kind, time) in state.LastMailed.OrderBy(pair => pair.Key))
        {
            text.Append("mailed ").Append(AlertAdvice.Token(kind)).Append(' ').Append(FormatTime(time)).Append('\n');
        }

        text.Append("end\n");
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    /// <summary>Replaces the file atomically: the old state or the new survives a crash, never a mix.</summary>
    public static void Save(string path, OwnerAlertState state, SafeFile safeFile) =>
        safeFile.WriteAllBytes(path, Write(state), FileMode);

    internal static string FormatTime(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);

    private static OwnerAlertState Damaged(string problem) =>
        new([], new Dictionary<AlertKind, DateTimeOffset>(), problem);
}
