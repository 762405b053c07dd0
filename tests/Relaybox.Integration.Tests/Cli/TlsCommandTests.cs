using Relaybox.Integration.Tests.Harness;

namespace Relaybox.Integration.Tests.Cli;

/// <summary>relaybox tls show|new|install against a running daemon: what it serves changes only with a good pair.</summary>
public sealed class TlsCommandTests
{
    [Fact]
    public async Task TlsNewChangesTheServedFingerprintAndTlsShowNamesIt()
    {
        await using var relay = await RelayboxInstance.StartAsync();
        string before = await ServedCertificate.FingerprintAsync(relay.SmtpsPort);

        var made = await relay.CliAsync(["tls", "new"]);
        var show = await relay.CliAsync(["tls", "show"]);
        string after = await ServedCertificate.FingerprintAsync(relay.SmtpsPort);

        Assert.True(made.ExitCode == 0, made.ToString());
        Assert.Contains("relaybox reloaded", made.StandardOutput);
        Assert.NotEqual(before, after);
        Assert.Equal(after, ServedCertificate.FromTlsShow(show.StandardOutput));
    }

    [Fact]
    public async Task InstallWithAMismatchedKeyIsRefusedAndLeavesTheFilesUntouched()
    {
        await using var relay = await RelayboxInstance.StartAsync();
        string certFile = Path.Combine(relay.DataDirectory, "tls", "cert.pem");
        string keyFile = Path.Combine(relay.DataDirectory, "tls", "key.pem");
        byte[] certBefore = await File.ReadAllBytesAsync(certFile);
        byte[] keyBefore = await File.ReadAllBytesAsync(keyFile);
        string served = await ServedCertificate.FingerprintAsync(relay.SmtpsPort);
        string newCert = Path.Combine(relay.Root, "new-cert.pem");
        string otherKey = Path.Combine(relay.Root, "other-key.pem");
        var first = await ExternalTool.RunAsync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-subj", "/CN=relay.test", "-days", "30", "-keyout", Path.Combine(relay.Root, "new-key.pem"), "-out", newCert]);
        var second = await ExternalTool.RunAsync("openssl", ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", otherKey]);
        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first + "\n" + second);

        var install = await relay.CliAsync(["tls", "install", newCert, otherKey]);

        Assert.True(install.ExitCode == 1, install.ToString());
        Assert.Contains("the key does not belong to the certificate", install.StandardError);
        Assert.Equal(certBefore, await File.ReadAllBytesAsync(certFile));
        Assert.Equal(keyBefore, await File.ReadAllBytesAsync(keyFile));
        Assert.Equal(served, await ServedCertificate.FingerprintAsync(relay.SmtpsPort));

        var good = await relay.CliAsync(["tls", "install", newCert, Path.Combine(relay.Root, "new-key.pem")]);
        Assert.True(good.ExitCode == 0, good.ToString());
        Assert.NotEqual(served, await ServedCertificate.FingerprintAsync(relay.SmtpsPort));
        Assert.Equal(certBefore, await File.ReadAllBytesAsync(certFile + ".bak"));
    }
}
