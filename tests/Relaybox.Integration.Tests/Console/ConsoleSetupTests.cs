using System.Text;
using Relaybox.Integration.Tests.Harness;
using Relaybox.Smtp.Tests.Delivery.Client;

namespace Relaybox.Integration.Tests.Console;

/// <summary>
/// <c>relaybox console</c> on a real pseudo-terminal, driven as a person at the serial port drives it, against a
/// running daemon in its factory state and a real smarthost (aiosmtpd with STARTTLS, AUTH, and a certificate from
/// a private CA that no system trusts).
/// </summary>
public sealed class ConsoleSetupTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    /// <summary>Choice number of "Another provider, or a mail server on your network" (after the provider presets).</summary>
    private const string OtherServer = "12";

    [Fact]
    [Trait("Category", "EndToEnd")]
    public async Task TheFirstBootPathMakesAWorkingRelayAndTellsACertificateFromALoginProblem()
    {
        string certificates = Directory.CreateTempSubdirectory("relaybox-console-ca-").FullName;
        var files = TestCertificates.Create(certificates);
        await using var sink = await UpstreamSink.StartAsync(files.ChainFile, files.KeyFile, "relay-account", "right password");
        await using var relay = await RelayboxInstance.StartAsync(new RelayboxSettings());
        Assert.Contains("state: setup needed (delivery is off", (await relay.CliAsync(["status"])).StandardOutput, StringComparison.Ordinal);
        using var console = Start(relay);

        await console.WaitForAsync("Start the guided setup now? [Y/n]: ", Step);
        console.TypeLine("");
        await console.WaitForAsync("Hostname [", Step);
        console.TypeLine("relay.test");
        await console.WaitForAsync("Choice: ", Step);
        console.TypeLine(OtherServer);
        await console.WaitForAsync("Server name or address: ", Step);
        console.TypeLine("localhost");
        await console.WaitForAsync("Port (587: STARTTLS, 465: implicit TLS) [587]: ", Step);
        console.TypeLine(sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await console.WaitForAsync("Choice [1]: ", Step);
        console.TypeLine("");
        await TypeLoginAsync(console, "wrong password");

        // The private CA's certificate is refused first, and said to be a certificate problem, with its fingerprint.
        string certificateFailure = await console.WaitForAsync("What now?", Step);
        Assert.Contains("! Certificate:", certificateFailure, StringComparison.Ordinal);
        Assert.DoesNotContain("! Login:", certificateFailure, StringComparison.Ordinal);
        Assert.Contains("SHA-256 ", certificateFailure, StringComparison.Ordinal);
        await console.WaitForAsync("Choice [1]: ", Step);
        console.TypeLine("1"); // trust this certificate

        // Trusted now: the connection gets as far as the login, which the smarthost refuses.
        string loginFailure = await console.WaitForAsync("What now?", Step);
        Assert.Contains("! Login:", loginFailure, StringComparison.Ordinal);
        Assert.Contains("535", loginFailure, StringComparison.Ordinal);
        Assert.DoesNotContain("! Certificate:", loginFailure, StringComparison.Ordinal);
        await console.WaitForAsync("Choice [1]: ", Step);
        console.TypeLine("1"); // type the login again
        await TypeLoginAsync(console, "right password");
        await console.WaitForAsync("The smarthost accepted the connection and the login.", Step);

        await console.WaitForAsync("Trusted networks [", Step);
        console.TypeLine("127.0.0.0/8, ::1/128");
        await console.WaitForAsync("Admin address: ", Step);
        console.TypeLine("owner@example.net");
        await console.WaitForAsync("[printer]: ", Step);
        console.TypeLine("");
        await console.WaitForAsync("(empty: make one up for me): ", Step);
        console.TypeLine("printer-password-1");
        await console.WaitForAsync("The same password again: ", Step);
        console.TypeLine("printer-password-1");
        await console.WaitForAsync("Apply these settings? [Y/n]: ", Step);
        console.TypeLine("");
        await console.WaitForAsync("Saved. relaybox runs with the new settings now.", Step);
        string howToSend = await console.WaitForAsync("Send a test mail to owner@example.net now? [Y/n]: ", Step);
        Assert.Contains($"port {relay.SubmissionPort}: STARTTLS, login printer", howToSend, StringComparison.Ordinal);
        console.TypeLine("");
        await console.WaitForAsync("\ndelivered\n", Step);
        await console.WaitForAsync("Choice: ", Step);

        // The daemon took the new settings without a restart: serving, no longer "setup needed".
        Assert.Contains("state: serving", (await relay.CliAsync(["status"])).StandardOutput, StringComparison.Ordinal);

        // The relay the console set up: a device logs in as the new user, and the mail reaches the smarthost.
        var submitted = await Swaks.RunAsync(relay.SubmissionPort, "--tls", "--auth", "PLAIN",
            "--auth-user", "printer", "--auth-password", "printer-password-1", "--body", "set up over the console");
        Assert.Equal(0, submitted.ExitCode);
        var received = await sink.WaitForAsync(2, TimeSpan.FromSeconds(30));
        Assert.Equal(2, received.Count);
        Assert.Contains(received, m => m.Recipients.SequenceEqual(["owner@example.net"])
            && Encoding.UTF8.GetString(m.Content).Contains("relaybox test message", StringComparison.Ordinal));
        Assert.Contains(received, m => Encoding.UTF8.GetString(m.Content).Contains("set up over the console", StringComparison.Ordinal));

        string secret = File.ReadAllText(Path.Combine(Path.GetDirectoryName(relay.ConfigPath)!, "relayhost.secret"));
        Assert.Equal("relay-account right password", secret.Split('\n').Single(l => l.Length > 0 && l[0] != '#'));
        // Raw mode holds for the whole session: each typed line shows once (the console's echo, not the kernel's too).
        Assert.DoesNotContain("localhost\nlocalhost", console.TranscriptPlain, StringComparison.Ordinal);
        // Passwords are read without echo: neither the terminal nor the log ever shows one.
        Assert.DoesNotContain("wrong password", console.TranscriptPlain + relay.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("right password", console.TranscriptPlain + relay.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("printer-password-1", console.TranscriptPlain + relay.Log, StringComparison.Ordinal);

        console.TypeLine("q");
        Assert.Equal(0, await console.WaitForExitAsync(Step));
        Directory.Delete(certificates, recursive: true);

        // docs/console.md shows this session; setting RELAYBOX_CONSOLE_TRANSCRIPT=FILE records it again.
        if (Environment.GetEnvironmentVariable("RELAYBOX_CONSOLE_TRANSCRIPT") is { Length: > 0 } transcript)
        {
            File.WriteAllText(transcript, console.TranscriptPlain);
        }
    }

    [Fact]
    public async Task TheCablePulledInTheMiddleOfAnEditLeavesTheOldConfigIntact()
    {
        await using var relay = await RelayboxInstance.StartAsync(new RelayboxSettings());
        byte[] before = File.ReadAllBytes(relay.ConfigPath);
        string configDirectory = Path.GetDirectoryName(relay.ConfigPath)!;
        var filesBefore = Directory.GetFiles(configDirectory).Order().ToArray();
        using var console = Start(relay);

        await console.WaitForAsync("Start the guided setup now? [Y/n]: ", Step);
        console.TypeLine("");
        await console.WaitForAsync("Hostname [", Step);
        console.TypeLine("renamed.test");
        await console.WaitForAsync("Choice: ", Step);
        console.TypeLine("13"); // no smarthost
        await console.WaitForAsync("Trusted networks [", Step);
        console.TypeLine("127.0.0.0/8");
        await console.WaitForAsync("Admin address: ", Step);
        console.Type("owner@exam");
        console.Hangup();

        await console.WaitForExitAsync(Step);
        Assert.Equal(before, File.ReadAllBytes(relay.ConfigPath));
        Assert.Equal(filesBefore, Directory.GetFiles(configDirectory).Order().ToArray());
        Assert.False(File.Exists(Path.Combine(relay.DataDirectory, "users")));
        Assert.Contains("relay.test", (await relay.CliAsync(["status"])).StandardOutput, StringComparison.Ordinal);
    }

    private static PtyProcess Start(RelayboxInstance relay) =>
        PtyProcess.Start(RelayboxBinary.Path, ["console", "--config", relay.ConfigPath], new Dictionary<string, string?> { ["TERM"] = "vt220" });

    private static async Task TypeLoginAsync(PtyProcess console, string password)
    {
        await console.WaitForAsync("Login at the provider (empty: no login): ", Step);
        console.TypeLine("relay-account");
        await console.WaitForAsync("Password (not shown as you type): ", Step);
        console.TypeLine(password);
    }
}
