using System.Text;

namespace Relaybox.Appliance.Console.Terminal;

/// <summary>
/// A TextWriter that keeps what a command prints as lines, so the console runs the very code of the
/// <c>relaybox</c> verbs (queue list, status, log, tls show ...) and pages its output on the terminal.
/// Bounded: past <see cref="MaxLines"/> lines the rest is counted, not kept.
/// </summary>
public sealed class CapturedOutput : TextWriter
{
    public const int MaxLines = 2000;

    private readonly List<string> lines = [];
    private readonly StringBuilder current = new();
    private int dropped;

    public override Encoding Encoding => Encoding.UTF8;

    /// <summary>The lines so far, an unfinished last line included.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            var all = new List<string>(lines);
            if (current.Length > 0)
            {
                all.Add(current.ToString());
            }

            if (dropped > 0)
            {
                all.Add($"... {dropped} more lines not shown");
            }

            return all;
        }
    }

    public override void Write(char value)
    {
        if (value == '\n')
        {
            Keep(current.ToString().TrimEnd('\r'));
            current.Clear();
        }
        else if (current.Length < 4096)
        {
            current.Append(value);
        }
    }

    private void Keep(string line)
    {
        if (lines.Count < MaxLines)
        {
            lines.Add(line);
        }
        else
        {
            dropped++;
        }
    }
}
