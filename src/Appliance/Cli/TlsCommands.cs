using Relaybox.Appliance.Configuration.Options;
using Relaybox.Appliance.Control;
using Relaybox.Appliance.Hosting;

namespace Relaybox.Appliance.Cli;

/// <summary>
/// relaybox tls show|new|install CERT.pem KEY.pem: the [tls] pair the SMTP listeners serve, the scriptable side of
/// the console's TLS menu (both go through <see cref="TlsCertificateStore"/>). A change is followed by a reload of
/// the running daemon, so the next TLS handshake shows the new certificate.
/// </summary>
public static class TlsCommands
{
    public const string Usage = "relaybox tls show | tls new | tls install CERT.pem KEY.pem [--config FILE]";

    public static async Task<int> RunAsync(IReadOnlyList<string> words, RelayboxConfig config, ControlClient daemon, TimeProvider time,
        TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var store = new TlsCertificateStore(config.Tls.CertFile, config.Tls.KeyFile, config.Server.Hostname, time);
        switch (words)
        {
            case ["show"]:
                return Print(store.Describe(), "show", output, error);
            case ["new"]:
                return await ChangedAsync(store.GenerateSelfSigned(), "new", daemon, output, error, cancellationToken);
            case ["install", var certFile, var keyFile]:
                if (ReadPem(certFile, "certificate", error) is not { } certPem || ReadPem(keyFile, "key", error) is not { } keyPem)
                {
                    return ExitCodes.Failure;
                }

                return await ChangedAsync(store.Install(certPem, keyPem), "install", daemon, output, error, cancellationToken);
            default:
                error.WriteLine("usage: " + Usage);
                return ExitCodes.Usage;
        }
    }

    /// <summary>Installs a certificate and key given as PEM text (pasted at the console), then reloads the daemon.</summary>
    public static Task<int> InstallPemAsync(string certPem, string keyPem, RelayboxConfig config, ControlClient daemon, TimeProvider time,
        TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var store = new TlsCertificateStore(config.Tls.CertFile, config.Tls.KeyFile, config.Server.Hostname, time);
        return ChangedAsync(store.Install(certPem, keyPem), "install", daemon, output, error, cancellationToken);
    }

    private static async Task<int> ChangedAsync(TlsChangeResult result, string verb, ControlClient daemon, TextWriter output, TextWriter error,
        CancellationToken cancellationToken)
    {
        if (Print(result, verb, output, error) != ExitCodes.Ok)
        {
            return ExitCodes.Failure;
        }

        output.WriteLine($"the previous pair is kept as {TlsCertificateStore.BackupSuffix} files beside it");
        var reply = await daemon.SendAsync(ControlRequest.Reload, cancellationToken);
        switch (reply.Outcome)
        {
            case ControlOutcome.Ok:
                output.WriteLine("relaybox reloaded: new connections get this certificate");
                return ExitCodes.Ok;
            case ControlOutcome.NotRunning:
                output.WriteLine("relaybox is not running; it serves this certificate when it starts");
                return ExitCodes.Ok;
            default:
                // The files changed; only the daemon's switch to them did not happen.
                return DaemonReply.Report("tls " + verb, reply, "", output, error);
        }
    }

    private static int Print(TlsChangeResult result, string verb, TextWriter output, TextWriter error)
    {
        if (result.Certificate is not { } certificate)
        {
            error.WriteLine($"relaybox tls {verb}: {result.Problem}");
            return ExitCodes.Failure;
        }

        foreach (string line in certificate.Lines())
        {
            output.WriteLine(line);
        }

        return ExitCodes.Ok;
    }

    private static string? ReadPem(string path, string what, TextWriter error)
    {
        try
        {
            if (new FileInfo(path).Length > TlsCertificateStore.MaxPemLength)
            {
                error.WriteLine($"relaybox tls install: {path} is too large to be a {what} in PEM");
                return null;
            }

            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"relaybox tls install: cannot read the {what} {path}: {e.Message}");
            return null;
        }
    }
}
