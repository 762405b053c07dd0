using Relaybox.Appliance.Hosting;
using Relaybox.Smtp.Delivery.Probe;

namespace Relaybox.Appliance.Cli;

/// <summary>
/// relaybox relayhost test: the serial console's smarthost connection test, scriptable. Connects to the configured
/// relayhost as delivery would (DNS, TCP, greeting, EHLO, TLS, AUTH), sends no mail, prints each step that worked
/// and then "ok", or what failed and what to do. Exit 0 when it works, 1 when not.
/// </summary>
public static class RelayhostTestCommand
{
    public const string Usage = "relaybox relayhost test [--config FILE]   connect to the smarthost as delivery would (no mail sent); exit 1 on failure";

    public static async Task<int> RunAsync(IReadOnlyList<string> words, ConfigSource source, TextWriter output, TextWriter error)
    {
        if (words is not ["test"])
        {
            error.WriteLine("usage: " + Usage);
            return ExitCodes.Usage;
        }

        var loaded = source.Load();
        if (loaded.Config is not { } config)
        {
            Diagnostics.Print(loaded.Diagnostics, error);
            error.WriteLine($"relaybox: fix {source.DisplayName} first (relaybox config check)");
            return ExitCodes.Config;
        }

        if (DeliverySetupFactory.RelayhostProbe(config, out string? passwordProblem) is not { } request)
        {
            output.WriteLine("no relayhost set: mail goes to each domain's MX ([relay] relayhost)");
            return ExitCodes.Failure;
        }

        if (passwordProblem is not null)
        {
            error.WriteLine($"relaybox relayhost test: [relay] sasl_password_file: {passwordProblem}; testing without a login");
        }

        output.WriteLine($"testing the smarthost {request.Relayhost.DisplayName} (no mail is sent)");
        ProbeReport report = await new SmarthostProbe(TimeProvider.System).RunAsync(request, CancellationToken.None);
        Print(report, output);
        return report.Succeeded ? ExitCodes.Ok : ExitCodes.Failure;
    }

    private static void Print(ProbeReport report, TextWriter output)
    {
        foreach (string step in report.Steps)
        {
            output.WriteLine("  " + step);
        }

        if (report.Succeeded)
        {
            output.WriteLine("ok: " + report.Summary);
            return;
        }

        output.WriteLine($"FAILED at {report.FailedStage.ToString().ToLowerInvariant()}: {report.Summary}");
        output.WriteLine("what to do: " + report.Advice);
        if (report.Certificate is { } certificate)
        {
            output.WriteLine($"  certificate subject: {certificate.Subject}");
            output.WriteLine($"  certificate issuer:  {certificate.Issuer}");
            output.WriteLine($"  valid until:         {certificate.NotAfter:yyyy-MM-dd HH:mm} UTC");
            output.WriteLine($"  SHA-256 fingerprint: {certificate.Fingerprint}");
        }
    }
}
