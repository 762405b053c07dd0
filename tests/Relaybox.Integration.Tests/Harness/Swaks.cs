using System.Text.RegularExpressions;

namespace Relaybox.Integration.Tests.Harness;

/// <summary>swaks, the SMTP test client, pointed at a relaybox instance.</summary>
public static partial class Swaks
{
    public const string Sender = "printer@relay.test";
    public const string Recipient = "owner@example.net";

    public static Task<ProcessResult> RunAsync(int port, params string[] arguments) =>
        ExternalTool.RunAsync("swaks",
        [
            "--server", "127.0.0.1", "--port", port.ToString(), "--helo", "printer.lan",
            "--from", Sender, "--to", Recipient, "--timeout", "20", .. arguments,
        ]);

    /// <summary>The queue id from "250 2.0.0 Ok: queued as ID" in a transcript, or null.</summary>
    public static string? QueueId(string transcript)
    {
        var match = QueuedAs().Match(transcript);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"250 2\.0\.0 Ok: queued as (\S+)")]
    private static partial Regex QueuedAs();
}
