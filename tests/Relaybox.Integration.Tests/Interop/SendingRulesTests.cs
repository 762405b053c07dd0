using Relaybox.Integration.Tests.Harness;

namespace Relaybox.Integration.Tests.Interop;

/// <summary>Per-login rules as the owner sets them with "relaybox user add": allowed senders and an hourly quota.</summary>
public sealed class SendingRulesTests
{
    private const string Password = "Printer-Pass-2026";

    private static Task<ProcessResult> SubmitAsync(RelayboxInstance relay, string login, string sender) =>
        ExternalTool.RunAsync("swaks",
        [
            "--server", "127.0.0.1", "--port", relay.SubmissionPort.ToString(), "--tls", "--auth", "PLAIN",
            "--auth-user", login, "--auth-password", Password, "--from", sender, "--to", "owner@example.net", "--timeout", "20",
        ]);

    [Fact]
    public async Task ALoginMaySendOnlyAsTheAddressesItsRecordAllows()
    {
        var settings = new RelayboxSettings().Set("relay.restrictions",
            "reject_sender_login_mismatch, permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination");
        await using var relay = await RelayboxInstance.StartAsync(settings);
        await relay.AddUserAsync("printer", Password, "--sender", "printer@office.example", "--sender", "@scans.example");

        var own = await SubmitAsync(relay, "printer", "printer@office.example");
        var domain = await SubmitAsync(relay, "printer", "anything@scans.example");
        var forged = await SubmitAsync(relay, "printer", "ceo@office.example");

        Assert.True(own.ExitCode == 0, own.ToString());
        Assert.True(domain.ExitCode == 0, domain.ToString());
        Assert.NotEqual(0, forged.ExitCode);
        Assert.Contains("553 5.7.1", forged.StandardOutput);
    }

    [Fact]
    public async Task AnHourlyQuotaDefersTheMessageBeyondIt()
    {
        await using var relay = await RelayboxInstance.StartAsync();
        await relay.AddUserAsync("camera", Password, "--messages-per-hour", "2");

        var first = await SubmitAsync(relay, "camera", "camera@cam.lan");
        var second = await SubmitAsync(relay, "camera", "camera@cam.lan");
        var third = await SubmitAsync(relay, "camera", "camera@cam.lan");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.NotEqual(0, third.ExitCode);
        Assert.Matches(@"<~\* 4\d\d 4\.7\.1", third.StandardOutput);
        Assert.Equal(2, QueueContents.All(relay).Count);
    }
}
