using System.Globalization;

namespace Relaybox.Appliance.Control;

/// <summary>What came back for one control request: the data lines before the final line, and the error text unless it was "ok".</summary>
public sealed record ControlReply(ControlOutcome Outcome, IReadOnlyList<string> Lines, string? Error = null)
{
    public static ControlReply NotRunning { get; } = new(ControlOutcome.NotRunning, []);

    public static ControlReply Failed(string problem) => new(ControlOutcome.Failed, [], problem);

    /// <summary>The exact count of a change reply's "changed N" line; null when the reply has none.</summary>
    public int? ChangedCount =>
        Lines.Count > 0 && Lines[0].StartsWith(ControlResponse.ChangedPrefix, StringComparison.Ordinal)
        && int.TryParse(Lines[0].AsSpan(ControlResponse.ChangedPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int count)
            ? count
            : null;

    /// <summary>The ids listed after "changed N" (there may be fewer than N: the daemon lists a bounded number).</summary>
    public IReadOnlyList<string> ChangedIds => ChangedCount is null ? [] : [.. Lines.Skip(1)];
}
