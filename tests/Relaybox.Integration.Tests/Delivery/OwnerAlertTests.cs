using System.Text;
using Relaybox.Integration.Tests.Harness;
using Relaybox.Smtp.Tests.Delivery.Client;

namespace Relaybox.Integration.Tests.Delivery;

/// <summary>The owner hears of a broken smarthost login once: a log line, relaybox status, and one mail to the admin.</summary>
public sealed class OwnerAlertTests
{
    [Fact]
    public async Task ARefusedSmarthostLoginIsLoggedShownAndMailedToTheAdminOnce()
    {
        string certificates = Directory.CreateTempSubdirectory("relaybox-upstream-ca-").FullName;
        var files = TestCertificates.Create(certificates);
        await using var sink = await UpstreamSink.StartAsync(files.ChainFile, files.KeyFile, "relay-account", "right password");
        string secret = Path.Combine(certificates, "relayhost.secret");
        File.WriteAllText(secret, "relay-account wrong password\n");
        File.SetUnixFileMode(secret, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var settings = DeliveryTestSetup.Through(sink)
            .Set("relay.relayhost", $"[localhost]:{sink.Port}")
            .Set("relay.tls_security_level", "secure")
            .Set("relay.tls_ca_file", files.CaFile)
            .Set("relay.sasl_password_file", secret);
        await using var relay = await RelayboxInstance.StartAsync(settings);

        await DeliveryTestSetup.SubmitAsync(relay, DeliveryTestSetup.Message("first"));
        await DeliveryTestSetup.SubmitAsync(relay, DeliveryTestSetup.Message("second"));
        Assert.True(await relay.WaitForLogAsync("refused", TimeSpan.FromSeconds(20)), relay.Log);
        await Task.Delay(1000);

        var status = await relay.CliAsync(["status"]);
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("alert: SmarthostLoginRefused", status.StandardOutput, StringComparison.Ordinal);
        var toAdmin = QueueContents.All(relay).Where(m => m.Envelope.Recipients.Any(r => r.Address == DeliveryTestSetup.Admin)).ToList();
        var mail = Assert.Single(toAdmin);
        Assert.Equal("", mail.Envelope.ReversePath);
        Assert.Contains("Auto-Submitted: auto-generated", mail.Content, StringComparison.Ordinal);
        Assert.Contains(secret, mail.Content, StringComparison.Ordinal); // says which file to fix
        Assert.DoesNotContain("wrong password", mail.Content + relay.Log, StringComparison.Ordinal);
        Assert.Empty(sink.Received());

        // Fixed: the next attempt logs in, delivers the two messages and the alert mail, and the alert clears.
        File.WriteAllText(secret, "relay-account right password\n");
        relay.Signal(ProcessSignal.Hup);
        Assert.True(await relay.WaitForLogAsync("reloaded"), relay.Log);
        await relay.CliAsync(["queue", "flush"]);
        var received = await sink.WaitForAsync(3);
        Assert.Equal(3, received.Count);
        Assert.Contains(received, m => m.Recipients.SequenceEqual([DeliveryTestSetup.Admin]) && Encoding.UTF8.GetString(m.Content).Contains("login", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("alerts: none", (await relay.CliAsync(["status"])).StandardOutput, StringComparison.Ordinal);
        Directory.Delete(certificates, recursive: true);
    }
}
