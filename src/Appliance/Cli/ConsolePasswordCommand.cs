using Relaybox.Appliance.Configuration.Options;
using Relaybox.Appliance.Console.Session;
using Relaybox.Smtp.Storage;

namespace Relaybox.Appliance.Cli;

/// <summary>
/// "relaybox console password set|clear": the console admin password from a shell, like every other setting the
/// console changes. Set reads the new password like "user passwd" does (typed twice, or --password-stdin).
/// </summary>
public static class ConsolePasswordCommand
{
    public const string Usage = "relaybox console password set [--password-stdin] | relaybox console password clear [--config FILE]";

    public static int Run(IReadOnlyList<string> words, bool fromStdin, RelayboxConfig config, TextWriter output, TextWriter error)
    {
        var password = new ConsoleAdminPassword(ConsoleAdminPassword.PathIn(config.Server.DataDir), SafeFile.Default);
        switch (words)
        {
            case ["set"]:
                if (!PasswordReader.TryRead(fromStdin, error, out string typed, out string problem))
                {
                    error.WriteLine("relaybox: " + problem);
                    return ExitCodes.Failure;
                }

                try
                {
                    Directory.CreateDirectory(config.Server.DataDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                    password.Set(typed);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    error.WriteLine($"relaybox: cannot write {password.Path}: {e.Message}; nothing changed");
                    return ExitCodes.Failure;
                }

                output.WriteLine($"console admin password set ({password.Path})");
                return ExitCodes.Ok;
            case ["clear"]:
                output.WriteLine(password.Clear() ? "console admin password cleared" : "no console admin password was set");
                return ExitCodes.Ok;
            default:
                error.WriteLine("usage: " + Usage);
                return ExitCodes.Usage;
        }
    }
}
