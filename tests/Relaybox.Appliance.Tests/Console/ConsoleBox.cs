using System.Text;
using Relaybox.Appliance.Console;
using Relaybox.Appliance.Console.Terminal;
using Relaybox.Appliance.Setup;

namespace Relaybox.Appliance.Tests.Console;

/// <summary>
/// A box in a temporary directory as it leaves the factory (etc/relaybox.ini with delivery off, no users, a data
/// directory), and a way to drive <c>relaybox console</c> on it with typed keys and read what it showed.
/// </summary>
internal sealed class ConsoleBox : IDisposable
{
    public ConsoleBox(bool factoryConfig = true)
    {
        Root = Path.Combine(Path.GetTempPath(), "relaybox-console-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path.Combine(Root, "etc"));
        Directory.CreateDirectory(DataDir);
        if (factoryConfig)
        {
            File.WriteAllText(ConfigFile, FactoryDefaults.Text(DataDir, null, DateTimeOffset.UnixEpoch, null) +
                "\n[listen]\nsmtp = 127.0.0.1:2525\nsubmission =\nsmtps =\n");
        }
    }

    public string Root { get; }

    public string ConfigFile => Path.Combine(Root, "etc", "relaybox.ini");

    public string DataDir => Path.Combine(Root, "data");

    public string UsersFile => Path.Combine(DataDir, "users");

    public string ConfigText => File.ReadAllText(ConfigFile);

    /// <summary>
    /// Runs the console with <paramref name="keys"/> as everything the operator types (then the line goes dead,
    /// like a cable pulled after the last key) and returns the screen text with CRs removed.
    /// </summary>
    public async Task<string> RunAsync(string keys, int rows = ConsoleTerminal.DefaultRows)
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(keys));
        using var output = new MemoryStream();
        var terminal = new ConsoleTerminal(input, output, TerminalStyle.Plain, rows);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        int exit = await ConsoleProgram.RunAsync(terminal, ConfigFile, TimeProvider.System, timeout.Token);
        Assert.Equal(0, exit);
        return Encoding.UTF8.GetString(output.ToArray()).Replace("\r", "");
    }

    /// <summary>Typed lines, each ended with Enter (CR, as a terminal sends it).</summary>
    public static string Lines(params string[] lines) => string.Concat(lines.Select(line => line + "\r"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
