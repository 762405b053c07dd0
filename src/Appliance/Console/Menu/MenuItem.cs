namespace Relaybox.Appliance.Console.Menu;

/// <summary>One line of a menu and what it does; <paramref name="Changes"/> items ask for the admin password first.</summary>
public sealed record MenuItem(string Title, bool Changes, Func<CancellationToken, Task> RunAsync);
