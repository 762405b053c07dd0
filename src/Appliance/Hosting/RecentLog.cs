using System.Globalization;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace Relaybox.Appliance.Hosting;

/// <summary>
/// The daemon's last log lines in memory, for "relaybox log" and the console: a Serilog sink keeping at most
/// <see cref="Capacity"/> lines of at most <see cref="MaxLineLength"/> characters, in the console's one-line
/// format. Always with the time, also under journald: whoever reads these lines has no journal beside them.
/// Holds only what the log holds, and the log never holds secrets.
/// </summary>
public sealed class RecentLog : ILogEventSink
{
    public const int DefaultCapacity = 200;
    public const int DefaultMaxLineLength = 400;

    private const string Template = "{Timestamp:yyyy-MM-dd HH:mm:ss} {Level:u3} {Message:lj}{NewLine}{Exception}";

    private readonly MessageTemplateTextFormatter formatter = new(Template, CultureInfo.InvariantCulture);
    private readonly Lock gate = new();
    private readonly string[] lines;
    private int next;
    private int count;

    public RecentLog(int capacity = DefaultCapacity, int maxLineLength = DefaultMaxLineLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineLength, 4);
        lines = new string[capacity];
        MaxLineLength = maxLineLength;
    }

    public int Capacity => lines.Length;

    public int MaxLineLength { get; }

    public void Emit(LogEvent logEvent)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        formatter.Format(logEvent, text);
        string line = OneLine(text.ToString());
        lock (gate)
        {
            lines[next] = line;
            next = (next + 1) % lines.Length;
            count = Math.Min(count + 1, lines.Length);
        }
    }

    /// <summary>The last <paramref name="wanted"/> lines (fewer when fewer were written), oldest first.</summary>
    public IReadOnlyList<string> Last(int wanted)
    {
        lock (gate)
        {
            int take = Math.Clamp(wanted, 0, count);
            var result = new string[take];
            int first = (next - take + lines.Length) % lines.Length;
            for (int i = 0; i < take; i++)
            {
                result[i] = lines[(first + i) % lines.Length];
            }

            return result;
        }
    }

    /// <summary>An exception's stack trace joins the message on one line; control characters become spaces; cut with "...".</summary>
    private string OneLine(string text)
    {
        var line = new System.Text.StringBuilder(Math.Min(text.Length, MaxLineLength));
        bool lastWasSpace = false;
        foreach (char c in text.TrimEnd())
        {
            bool space = char.IsControl(c) || c == ' ';
            if (space && lastWasSpace)
            {
                continue;
            }

            line.Append(space ? ' ' : c);
            lastWasSpace = space;
            if (line.Length > MaxLineLength)
            {
                break;
            }
        }

        if (line.Length <= MaxLineLength)
        {
            return line.ToString();
        }

        int cut = MaxLineLength - 3;
        if (char.IsHighSurrogate(line[cut - 1]))
        {
            cut--; // never leave half of a character behind
        }

        return line.ToString(0, cut) + "...";
    }
}
