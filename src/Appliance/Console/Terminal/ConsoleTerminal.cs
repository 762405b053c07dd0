using System.Text;

namespace Relaybox.Appliance.Console.Terminal;

/// <summary>
/// The console's side of the cable: writes lines (with "\r\n", because the tty's output processing is off in
/// raw mode), reads edited lines and secrets through <see cref="TerminalLineReader"/>, and pages long output.
/// A read that ends in a hangup throws <see cref="TerminalDisconnectedException"/>; Ctrl-C or Ctrl-D throws
/// <see cref="PromptCancelledException"/>.
/// </summary>
public sealed class ConsoleTerminal
{
    /// <summary>Rows a serial terminal is assumed to have when nothing says otherwise (VT100 and its heirs).</summary>
    public const int DefaultRows = 24;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly Stream output;
    private readonly TerminalLineReader reader;

    public ConsoleTerminal(Stream input, Stream output, TerminalStyle style, int rows = DefaultRows)
    {
        this.output = output;
        reader = new TerminalLineReader(input, output);
        Style = style;
        Rows = Math.Max(rows, 5);
    }

    public TerminalStyle Style { get; }

    public int Rows { get; }

    public void Write(string text)
    {
        output.Write(Utf8.GetBytes(text.ReplaceLineEndings("\r\n")));
        output.Flush();
    }

    public void WriteLine(string text = "") => Write(text + "\n");

    public void Heading(string text) => WriteLine(Style.Heading(text));

    /// <summary>A refusal or failure: starts with "!" so it stands out without colour.</summary>
    public void Problem(string text) => WriteLine(Style.Problem("! " + text));

    public void Good(string text) => WriteLine(Style.Good(text));

    /// <summary>Shows <paramref name="prompt"/> and reads one line, trimmed.</summary>
    public string ReadLine(string prompt)
    {
        Write(prompt);
        return Take(reader.ReadLine()).Trim();
    }

    /// <summary>Shows <paramref name="prompt"/> and reads one line without echo (untrimmed: spaces may be part of a password).</summary>
    public string ReadSecret(string prompt)
    {
        Write(prompt);
        return Take(reader.ReadSecretLine());
    }

    /// <summary>
    /// Writes <paramref name="lines"/> a screenful at a time: after each page the operator presses Enter for the
    /// next or types q to stop. Lines longer than a serial terminal's 80 columns wrap there, which the count allows for.
    /// </summary>
    public void Page(IReadOnlyList<string> lines)
    {
        int pageRows = Rows - 1;
        int used = 0;
        for (int i = 0; i < lines.Count; i++)
        {
            int rows = Math.Max(1, (lines[i].Length + 79) / 80);
            if (used > 0 && used + rows > pageRows)
            {
                string answer = ReadLine($"-- {lines.Count - i} more lines: Enter shows them, q stops -- ");
                if (answer.Equals("q", StringComparison.OrdinalIgnoreCase))
                {
                    return;
                }

                used = 0;
            }

            WriteLine(lines[i]);
            used += rows;
        }
    }

    private static string Take(TerminalLineResult result) => result.Outcome switch
    {
        TerminalLineOutcome.Line => result.Text,
        TerminalLineOutcome.Cancelled => throw new PromptCancelledException(endOfInput: false),
        TerminalLineOutcome.EndOfInput => throw new PromptCancelledException(endOfInput: true),
        _ => throw new TerminalDisconnectedException(),
    };
}
