using Relaybox.Appliance.Console.Session;
using Relaybox.Smtp.Queue;

namespace Relaybox.Appliance.Console.Menu;

/// <summary>The queue: list, retry now, hold, release, delete, through the same code as <c>relaybox queue</c>.</summary>
public sealed class QueueMenu(ConsoleContext context, CommandScreens screens)
{
    public Task RunAsync(CancellationToken cancellationToken) =>
        MenuLoop.RunAsync(context, () => "Queue", [
            new MenuItem("List waiting mail", false, token => screens.QueueAsync(["list"], token)),
            new MenuItem("Show one message", false, token => screens.QueueAsync(["show", AskId("Show which message (queue id)", allowAll: false)], token)),
            new MenuItem("Retry everything now (flush)", true, token => screens.QueueAsync(["flush"], token)),
            new MenuItem("Hold a message (or all)", true, token => screens.QueueAsync(["hold", AskId("Hold which message (id or all)", allowAll: true)], token)),
            new MenuItem("Release a held message (or all)", true, token => screens.QueueAsync(["release", AskId("Release which message (id or all)", allowAll: true)], token)),
            new MenuItem("Delete a message (or all)", true, DeleteAsync),
        ], "Back to the main menu", cancellationToken);

    private async Task DeleteAsync(CancellationToken cancellationToken)
    {
        string target = AskId("Delete which message (id or all)", allowAll: true);
        if (!context.Ask.Confirm(target == "all" ? "Delete ALL queued mail? It cannot be brought back" : $"Delete {target}?", suggested: false))
        {
            context.Terminal.WriteLine("Nothing deleted.");
            return;
        }

        await screens.QueueAsync(["delete", target], cancellationToken);
    }

    private string AskId(string question, bool allowAll) =>
        context.Ask.Ask(question, null, answer =>
            (allowAll && answer == "all") || QueueIdGenerator.IsValid(answer) ? null
            : allowAll ? "type a queue id as queue list shows it, or all" : "type a queue id as queue list shows it");
}
