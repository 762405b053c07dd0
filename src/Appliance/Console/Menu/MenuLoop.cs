using System.Globalization;
using Relaybox.Appliance.Console.Session;
using Relaybox.Appliance.Console.Terminal;

namespace Relaybox.Appliance.Console.Menu;

/// <summary>
/// Shows a numbered menu until the operator leaves it (q, or Ctrl-D); after an item, Enter shows it again. Ctrl-C inside an item abandons that item
/// and comes back here with nothing changed; a wrong choice is named and the menu asked again.
/// </summary>
public static class MenuLoop
{
    public static async Task RunAsync(ConsoleContext context, Func<string> title, IReadOnlyList<MenuItem> items, string leave,
        CancellationToken cancellationToken)
    {
        var terminal = context.Terminal;
        bool showMenu = true;
        while (true)
        {
            if (showMenu)
            {
                terminal.WriteLine();
                terminal.Heading(title());
                for (int i = 0; i < items.Count; i++)
                {
                    terminal.WriteLine($"  {i + 1,2}  {items[i].Title}");
                }

                terminal.WriteLine($"   q  {leave}");
            }

            string answer;
            try
            {
                answer = terminal.ReadLine(showMenu ? "Choice: " : "Choice (Enter shows the menu): ").ToLowerInvariant();
            }
            catch (PromptCancelledException cancelled) when (cancelled.EndOfInput)
            {
                return;
            }
            catch (PromptCancelledException)
            {
                showMenu = false;
                continue;
            }

            if (answer is "q" or "quit" or "exit")
            {
                return;
            }

            if (answer.Length == 0)
            {
                showMenu = true;
                continue;
            }

            if (!int.TryParse(answer, NumberStyles.None, CultureInfo.InvariantCulture, out int number) || number < 1 || number > items.Count)
            {
                terminal.Problem($"type a number from 1 to {items.Count}, or q");
                showMenu = false;
                continue;
            }

            // The menu is not shown again at once: on a 24-line terminal it would push what the item showed off the screen.
            await RunItemAsync(context, items[number - 1], cancellationToken);
            terminal.WriteLine();
            showMenu = false;
        }
    }

    private static async Task RunItemAsync(ConsoleContext context, MenuItem item, CancellationToken cancellationToken)
    {
        try
        {
            if (item.Changes && !await context.MayChangeAsync(cancellationToken))
            {
                return;
            }

            await item.RunAsync(cancellationToken);
        }
        catch (PromptCancelledException)
        {
            context.Terminal.WriteLine("Back to the menu; nothing changed.");
        }
    }
}
