using System.Globalization;
using System.Security.Cryptography;
using Relaybox.Appliance.Console.Terminal;

namespace Relaybox.Appliance.Console.Prompts;

/// <summary>
/// The console's ways of asking: a value with a suggestion, yes/no, a numbered choice, a new password. Every
/// answer is checked before it is taken; a wrong one is answered with what is wrong and the same question again,
/// so a typo never ends a dialog. Ctrl-C leaves the dialog (see <see cref="PromptCancelledException"/>).
/// </summary>
public sealed class Questions(ConsoleTerminal terminal)
{
    /// <summary>Shortest password the console accepts for a new user: devices store it, nobody types it daily.</summary>
    public const int MinPasswordLength = 8;

    /// <summary>Length of a generated password: 20 characters from a 54-letter alphabet, over 110 bits.</summary>
    private const int GeneratedPasswordLength = 20;

    // No 0/O, 1/l/I: the operator copies a generated password from the screen into a printer's web page.
    private const string PasswordAlphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public ConsoleTerminal Terminal => terminal;

    /// <summary>
    /// Asks until <paramref name="problemWith"/> finds nothing wrong (it returns null for a good answer, else what is
    /// wrong). An empty answer takes <paramref name="suggested"/> when there is one.
    /// </summary>
    public string Ask(string question, string? suggested, Func<string, string?> problemWith)
    {
        while (true)
        {
            string prompt = string.IsNullOrEmpty(suggested) ? $"{question}: " : $"{question} [{suggested}]: ";
            string answer = terminal.ReadLine(prompt);
            if (answer.Length == 0 && !string.IsNullOrEmpty(suggested))
            {
                answer = suggested;
            }

            if (problemWith(answer) is not { } problem)
            {
                return answer;
            }

            terminal.Problem(problem);
        }
    }

    public bool Confirm(string question, bool suggested)
    {
        while (true)
        {
            string answer = terminal.ReadLine($"{question} [{(suggested ? "Y/n" : "y/N")}]: ").ToLowerInvariant();
            switch (answer)
            {
                case "":
                    return suggested;
                case "y" or "yes":
                    return true;
                case "n" or "no":
                    return false;
                default:
                    terminal.Problem("answer y or n");
                    break;
            }
        }
    }

    /// <summary>Lists <paramref name="choices"/> numbered from 1 and returns the index of the one picked.</summary>
    public int Choose(string question, IReadOnlyList<string> choices, int? suggested = null)
    {
        terminal.WriteLine(question);
        for (int i = 0; i < choices.Count; i++)
        {
            terminal.WriteLine($"  {i + 1,2}  {choices[i]}");
        }

        string? suggestedText = suggested is { } index ? (index + 1).ToString(CultureInfo.InvariantCulture) : null;
        string answer = Ask("Choice", suggestedText, text =>
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int number) && number >= 1 && number <= choices.Count
                ? null
                : $"type a number from 1 to {choices.Count}");
        return int.Parse(answer, CultureInfo.InvariantCulture) - 1;
    }

    /// <summary>A secret typed once without echo (a provider's app password: the live test checks it).</summary>
    public string AskSecret(string question, bool allowEmpty)
    {
        while (true)
        {
            string secret = terminal.ReadSecret($"{question}: ");
            if (secret.Length > 0 || allowEmpty)
            {
                return secret;
            }

            terminal.Problem("nothing typed (the characters are not shown as you type)");
        }
    }

    /// <summary>
    /// A new password, typed twice without echo; an empty first answer generates one and shows it once, because
    /// whoever sets up a printer needs to read it off the screen.
    /// </summary>
    public string AskNewPassword(string whose)
    {
        while (true)
        {
            string first = terminal.ReadSecret($"Password for {whose} (empty: make one up for me): ");
            if (first.Length == 0)
            {
                string generated = Generate();
                terminal.WriteLine($"Password for {whose}: {generated}");
                terminal.WriteLine("Write it down now: it is stored only as a hash and cannot be shown again.");
                return generated;
            }

            if (first.Length < MinPasswordLength)
            {
                terminal.Problem($"too short: at least {MinPasswordLength} characters");
                continue;
            }

            if (first.Length > Cli.PasswordReader.MaxLength)
            {
                terminal.Problem($"too long: at most {Cli.PasswordReader.MaxLength} characters");
                continue;
            }

            string second = terminal.ReadSecret("The same password again: ");
            if (first == second)
            {
                return first;
            }

            terminal.Problem("the two passwords differ; once more");
        }
    }

    private static string Generate() => RandomNumberGenerator.GetString(PasswordAlphabet, GeneratedPasswordLength);
}
