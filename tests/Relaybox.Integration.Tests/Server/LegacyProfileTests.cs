using Relaybox.Integration.Tests.Harness;

namespace Relaybox.Integration.Tests.Server;

/// <summary>
/// The legacy profile: named old devices may use TLS 1.0/1.1 or AUTH without TLS; nobody else gains anything.
/// The device is 127.0.0.3 (a second loopback source address), everyone else 127.0.0.1.
/// </summary>
public sealed class LegacyProfileTests
{
    private const string Login = "oldprinter";
    private const string Password = "Old-Printer-1999";

    private static RelayboxSettings LegacySettings() => new RelayboxSettings()
        .Set("server.mynetworks", "192.0.2.0/24")
        .Set("legacy.clients", "127.0.0.3/32")
        .Set("legacy.tls_min_version", "1.0")
        .Set("legacy.allow_plaintext_auth", "yes");

    [Fact]
    public async Task ANamedLegacyDeviceMayAuthenticateWithoutTlsButNoOneElseMay()
    {
        await using var relay = await RelayboxInstance.StartAsync(LegacySettings(), (Login, Password));
        string plain = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes($"\0{Login}\0{Password}"));

        await using var device = await RawSmtpClient.ConnectAsync(relay.SmtpPort, source: "127.0.0.3");
        await device.ReadReplyAsync();
        var deviceEhlo = await device.CommandAsync("EHLO oldprinter.lan");
        var deviceAuth = await device.CommandAsync("AUTH PLAIN " + plain);

        await using var other = await RawSmtpClient.ConnectAsync(relay.SmtpPort);
        await other.ReadReplyAsync();
        var otherEhlo = await other.CommandAsync("EHLO laptop.lan");
        var otherAuth = await other.CommandAsync("AUTH PLAIN " + plain);

        Assert.True(deviceEhlo.HasKeyword("AUTH"), deviceEhlo.Text);
        Assert.Equal(235, deviceAuth.Code);
        Assert.False(otherEhlo.HasKeyword("AUTH"), otherEhlo.Text);
        Assert.Equal(538, otherAuth.Code);
    }

    [Fact]
    public async Task OnlyANamedLegacyDeviceMayUseTls10WithTheLegacyOpenSslConfig()
    {
        var settings = LegacySettings();
        settings.Environment["OPENSSL_CONF"] = Path.Combine(RelayboxBinary.RepositoryRoot, "image", "openssl-legacy.cnf");
        await using var relay = await RelayboxInstance.StartAsync(settings);

        // SECLEVEL=0 lets the client offer TLS 1.0 at all, so the outcome is the server's decision.
        string[] Tls10(string? source) =>
        [
            "s_client", "-crlf", "-ign_eof", "-connect", $"127.0.0.1:{relay.SmtpsPort}", "-tls1", "-cipher", "DEFAULT@SECLEVEL=0",
            .. source is null ? Array.Empty<string>() : ["-bind", source + ":0"],
        ];
        var device = await ExternalTool.RunAsync("openssl", Tls10("127.0.0.3"), "QUIT\n");
        var other = await ExternalTool.RunAsync("openssl", Tls10(null), "QUIT\n");

        Assert.Contains("220 relay.test", device.StandardOutput);
        Assert.Contains("Protocol  : TLSv1\n", device.StandardOutput);
        Assert.DoesNotContain("220 relay.test", other.StandardOutput);
    }
}
