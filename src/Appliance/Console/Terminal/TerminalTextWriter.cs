using System.Text;

namespace Relaybox.Appliance.Console.Terminal;

/// <summary>
/// A TextWriter onto the terminal, line by line as they come: for a command that reports progress while it
/// waits (the test mail), where paging afterwards would leave the operator looking at nothing.
/// </summary>
public sealed class TerminalTextWriter(ConsoleTerminal terminal) : TextWriter
{
    private readonly StringBuilder current = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        if (value == '\n')
        {
            terminal.WriteLine(current.ToString().TrimEnd('\r'));
            current.Clear();
        }
        else if (current.Length < 4096)
        {
            current.Append(value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && current.Length > 0)
        {
            terminal.WriteLine(current.ToString());
            current.Clear();
        }

        base.Dispose(disposing);
    }
}
