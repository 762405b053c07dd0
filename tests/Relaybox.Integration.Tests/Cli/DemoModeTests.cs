using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Relaybox.Integration.Tests.Harness;

namespace Relaybox.Integration.Tests.Cli;

/// <summary>The README's first command: "relaybox run" with no config file starts a working demo.</summary>
public sealed partial class DemoModeTests
{
    [Fact]
    [Trait("Category", "EndToEnd")]
    public async Task RunWithoutConfigStartsTheDemoAndItsPrintedUserCanSubmit()
    {
        string demoDir = Directory.CreateTempSubdirectory("relaybox-demo-").FullName;
        var start = new ProcessStartInfo(RelayboxBinary.Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("run");
        start.Environment["RELAYBOX_DEMO_DIR"] = demoDir;
        var output = new StringBuilder();
        using var relay = Process.Start(start)!;
        relay.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        relay.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        relay.BeginOutputReadLine();
        relay.BeginErrorReadLine();
        try
        {
            Match credentials = Match.Empty;
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!credentials.Success && DateTime.UtcNow < deadline && !relay.HasExited)
            {
                await Task.Delay(50);
                lock (output) credentials = DemoCredentials().Match(output.ToString());
            }

            Assert.True(credentials.Success, output.ToString());
            string text;
            lock (output) text = output.ToString();
            Assert.Contains("127.0.0.1:2587", text);

            var result = await ExternalTool.RunAsync("swaks",
            [
                "--server", "127.0.0.1", "--port", "2587", "--tls", "--auth", "PLAIN",
                "--auth-user", credentials.Groups[1].Value, "--auth-password", credentials.Groups[2].Value,
                "--from", "demo@relaybox.demo", "--to", "someone@example.net", "--timeout", "20",
            ]);
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains("250 2.0.0 Ok: queued as", result.StandardOutput);
        }
        finally
        {
            relay.Kill();
            await relay.WaitForExitAsync();
            Directory.Delete(demoDir, recursive: true);
        }
    }

    [GeneratedRegex(@"login: (\S+)\s+password: (\S+)")]
    private static partial Regex DemoCredentials();
}
