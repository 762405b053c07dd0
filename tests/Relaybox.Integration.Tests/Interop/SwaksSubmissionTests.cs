using Relaybox.Integration.Tests.Harness;

namespace Relaybox.Integration.Tests.Interop;

/// <summary>swaks against the three listeners, with each SASL mechanism it speaks.</summary>
public sealed class SwaksSubmissionTests
{
    private const string Login = "scanner";
    private const string Password = "Scan-Pass-2026";

    [Fact]
    [Trait("Category", "EndToEnd")]
    public async Task StartTlsWithAuthPlainOnSubmissionIsQueuedDurably()
    {
        await using var relay = await RelayboxInstance.StartAsync(null, (Login, Password));

        var result = await Swaks.RunAsync(relay.SubmissionPort, "--tls", "--auth", "PLAIN",
            "--auth-user", Login, "--auth-password", Password, "--body", "scan attached");

        Assert.True(result.ExitCode == 0, result.ToString());
        string id = Assert.IsType<string>(Swaks.QueueId(result.StandardOutput));
        var message = QueueContents.Read(relay, id);
        Assert.Equal(Swaks.Sender, message.Envelope.ReversePath);
        Assert.Equal(Swaks.Recipient, Assert.Single(message.Envelope.Recipients).Address);
        Assert.Equal(Login, message.Envelope.AuthenticatedLogin);
        Assert.Contains("scan attached", message.Content);
        Assert.StartsWith("Received: from printer.lan (", message.Content);
    }

    [Theory]
    [InlineData("LOGIN")]
    [InlineData("PLAIN")]
    public async Task ImplicitTlsOnSmtpsAcceptsPlaintextMechanisms(string mechanism)
    {
        await using var relay = await RelayboxInstance.StartAsync(null, (Login, Password));

        var result = await Swaks.RunAsync(relay.SmtpsPort, "--tls-on-connect", "--auth", mechanism,
            "--auth-user", Login, "--auth-password", Password);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("235 2.7.0", result.StandardOutput);
        Assert.NotNull(Swaks.QueueId(result.StandardOutput));
    }

    [Theory]
    [InlineData("CRAM-MD5")]
    [InlineData("DIGEST-MD5")]
    public async Task LegacyChallengeMechanismsWorkWhenEnabled(string mechanism)
    {
        var settings = new RelayboxSettings().Set("auth.mechanisms", "SCRAM-SHA-256 PLAIN LOGIN CRAM-MD5 DIGEST-MD5");
        await using var relay = await RelayboxInstance.StartAsync(settings, (Login, Password));

        var result = await Swaks.RunAsync(relay.SubmissionPort, "--tls", "--auth", mechanism,
            "--auth-user", Login, "--auth-password", Password);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("235 2.7.0", result.StandardOutput);
    }

    [Fact]
    public async Task CramMd5IsNotOfferedUnlessEnabled()
    {
        await using var relay = await RelayboxInstance.StartAsync(null, (Login, Password));

        var result = await Swaks.RunAsync(relay.SubmissionPort, "--tls", "--auth", "CRAM-MD5",
            "--auth-user", Login, "--auth-password", Password);

        Assert.NotEqual(0, result.ExitCode);
        Assert.DoesNotContain("235 ", result.StandardOutput);
    }

    [Fact]
    public async Task WrongPasswordAndUnknownUserGetTheSameReply()
    {
        await using var relay = await RelayboxInstance.StartAsync(null, (Login, Password));

        var wrongPassword = await Swaks.RunAsync(relay.SubmissionPort, "--tls", "--auth", "PLAIN",
            "--auth-user", Login, "--auth-password", "not-the-password");
        var unknownUser = await Swaks.RunAsync(relay.SubmissionPort, "--tls", "--auth", "PLAIN",
            "--auth-user", "nobody", "--auth-password", Password);

        string Reply(ProcessResult r) => r.StandardOutput.Split('\n').Single(l => l.Contains("<~* 535") || l.Contains("<** 535")).Trim();
        Assert.NotEqual(0, wrongPassword.ExitCode);
        Assert.Contains("535 5.7.8", wrongPassword.StandardOutput);
        Assert.Equal(Reply(wrongPassword), Reply(unknownUser));
        Assert.DoesNotContain("not-the-password", relay.Log);
        Assert.DoesNotContain(Password, relay.Log);
    }

    [Fact]
    public async Task SubmissionRefusesMailBeforeAuth()
    {
        await using var relay = await RelayboxInstance.StartAsync(null, (Login, Password));

        var result = await Swaks.RunAsync(relay.SubmissionPort, "--tls");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("530 5.7.0", result.StandardOutput);
    }

    [Fact]
    public async Task AuthIsRefusedBeforeTls()
    {
        await using var relay = await RelayboxInstance.StartAsync(null, (Login, Password));

        await using var client = await RawSmtpClient.ConnectAsync(relay.SubmissionPort);
        await client.ReadReplyAsync();
        var ehlo = await client.CommandAsync("EHLO printer.lan");
        var auth = await client.CommandAsync("AUTH PLAIN " + Convert.ToBase64String("\0scanner\0Scan-Pass-2026"u8.ToArray()));

        Assert.True(ehlo.HasKeyword("STARTTLS"), ehlo.Text);
        Assert.False(ehlo.HasKeyword("AUTH"), ehlo.Text);
        Assert.Equal(538, auth.Code);
    }

    [Fact]
    [Trait("Category", "EndToEnd")]
    public async Task RelayFromMynetworksWithoutAuthIsAllowedOnPort25()
    {
        await using var relay = await RelayboxInstance.StartAsync();

        var result = await Swaks.RunAsync(relay.SmtpPort);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.NotNull(Swaks.QueueId(result.StandardOutput));
    }

    [Fact]
    public async Task RelayFromOutsideMynetworksWithoutAuthIsRefused()
    {
        var settings = new RelayboxSettings().Set("server.mynetworks", "192.0.2.0/24");
        await using var relay = await RelayboxInstance.StartAsync(settings);

        var result = await Swaks.RunAsync(relay.SmtpPort);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("554 5.7.1", result.StandardOutput);
        Assert.Empty(QueueContents.All(relay));
    }

    [Fact]
    public async Task RelayFromOutsideMynetworksIsAllowedAfterAuthOnPort25()
    {
        var settings = new RelayboxSettings().Set("server.mynetworks", "192.0.2.0/24");
        await using var relay = await RelayboxInstance.StartAsync(settings, (Login, Password));

        var result = await Swaks.RunAsync(relay.SmtpPort, "--tls", "--auth", "PLAIN",
            "--auth-user", Login, "--auth-password", Password);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.NotNull(Swaks.QueueId(result.StandardOutput));
    }

    [Fact]
    public async Task AnImportedShadowHashLogsInWithPlainAndTheRightPasswordOnly()
    {
        await using var relay = await RelayboxInstance.StartAsync();
        var hash = await ExternalTool.RunAsync("openssl", ["passwd", "-6", "-salt", "Qm7vX2pL", "Old-Shadow-Pass"]);
        var imported = await relay.CliAsync(["user", "import", "legacy", hash.StandardOutput.Trim()]);

        var plain = await Swaks.RunAsync(relay.SubmissionPort, "--tls", "--auth", "PLAIN",
            "--auth-user", "legacy", "--auth-password", "Old-Shadow-Pass");
        var wrong = await Swaks.RunAsync(relay.SubmissionPort, "--tls", "--auth", "PLAIN",
            "--auth-user", "legacy", "--auth-password", "old-shadow-pass");

        Assert.True(imported.ExitCode == 0, imported.ToString());
        Assert.DoesNotContain("Old-Shadow-Pass", File.ReadAllText(Path.Combine(relay.DataDirectory, "users")));
        Assert.True(plain.ExitCode == 0, plain.ToString());
        Assert.Contains("535 5.7.8", wrong.StandardOutput);
    }
}
