using System.Text;

namespace Relaybox.Appliance.Cli;

/// <summary>
/// Reads a new password: from standard input for scripts (--password-stdin, first line), or typed twice
/// at the terminal without echo.
/// </summary>
public static class PasswordReader
{
    /// <summary>Longest password accepted: bounded input, and far beyond what anyone types.</summary>
    public const int MaxLength = 1024;

    public static bool TryRead(bool fromStdin, TextWriter prompt, out string password, out string error)
    {
        password = string.Empty;
        if (fromStdin || global::System.Console.IsInputRedirected)
        {
            string? line = global::System.Console.In.ReadLine();
            if (line is null)
            {
                error = "no password on standard input";
                return false;
            }

            return Validate(line, out password, out error);
        }

        prompt.Write("New password: ");
        string first = ReadHidden();
        prompt.Write("Repeat password: ");
        string second = ReadHidden();
        if (first != second)
        {
            error = "the two passwords differ; nothing changed";
            return false;
        }

        return Validate(first, out password, out error);
    }

    private static bool Validate(string candidate, out string password, out string error)
    {
        password = candidate;
        if (candidate.Length == 0)
        {
            error = "the password is empty";
            return false;
        }

        if (candidate.Length > MaxLength)
        {
            error = $"the password is longer than {MaxLength} characters";
            return false;
        }

        if (candidate.Any(char.IsControl))
        {
            error = "the password contains a control character";
            return false;
        }

        error = string.Empty;
        return true;
    }

    /// <summary>Reads one line with echo off; backspace edits, Ctrl-U clears.</summary>
    private static string ReadHidden()
    {
        var text = new StringBuilder();
        while (true)
        {
            var key = global::System.Console.ReadKey(intercept: true);
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    global::System.Console.Error.WriteLine();
                    return text.ToString();
                case ConsoleKey.Backspace:
                    if (text.Length > 0)
                    {
                        text.Length--;
                    }

                    break;
                default:
                    if (key.KeyChar == '\u0015')
                    {
                        text.Clear();
                    }
                    else if (!char.IsControl(key.KeyChar) && text.Length < MaxLength)
                    {
                        text.Append(key.KeyChar);
                    }

                    break;
            }
        }
    }
}
