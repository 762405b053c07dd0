using System.Text;
using Relaybox.Appliance.Cli;
using Relaybox.Appliance.Console.Session;
using Relaybox.Appliance.Hosting;

namespace Relaybox.Appliance.Console.Menu;

/// <summary>
/// The certificate relaybox serves on 25, 587 and 465: show its fingerprint (what devices that pin it need), make a
/// new self-signed pair, or install a certificate and key pasted as PEM. Same code as <c>relaybox tls</c>.
/// </summary>
public sealed class TlsMenu(ConsoleContext context, CommandScreens screens)
{
    public Task RunAsync(CancellationToken cancellationToken) =>
        MenuLoop.RunAsync(context, () => "TLS certificate", [
            new MenuItem("Show the certificate and its fingerprint", false, token => RunVerbAsync(["show"], token)),
            new MenuItem("Make a new self-signed key and certificate", true, NewAsync),
            new MenuItem("Install a certificate and key (paste PEM)", true, InstallAsync),
        ], "Back to the main menu", cancellationToken);

    private async Task NewAsync(CancellationToken cancellationToken)
    {
        context.Terminal.WriteLine("Devices that pinned the current certificate will refuse the new one until you update them.");
        if (context.Ask.Confirm("Make a new key and certificate?", suggested: false))
        {
            await RunVerbAsync(["new"], cancellationToken);
        }
    }

    private async Task InstallAsync(CancellationToken cancellationToken)
    {
        if (context.LoadConfig() is not { } config)
        {
            return;
        }

        string? certificate = ReadPem("certificate (your server's first, then any intermediate ones)", "CERTIFICATE");
        string? key = certificate is null ? null : ReadPem("private key (unencrypted)", "PRIVATE KEY");
        if (certificate is null || key is null)
        {
            return;
        }

        await screens.ShowAsync(output =>
            TlsCommands.InstallPemAsync(certificate, key, config, context.Daemon(config).Client, context.Time, output, output, cancellationToken));
    }

    private Task RunVerbAsync(string[] words, CancellationToken cancellationToken)
    {
        if (context.LoadConfig() is not { } config)
        {
            return Task.CompletedTask;
        }

        return screens.ShowAsync(output => TlsCommands.RunAsync(words, config, context.Daemon(config).Client, context.Time, output, output, cancellationToken));
    }

    /// <summary>
    /// Reads pasted PEM until an empty line follows at least one "-----END ...<paramref name="label"/>-----" line.
    /// Bounded by the store's PEM limit; null (with the reason shown) when the paste was too long.
    /// </summary>
    private string? ReadPem(string what, string label)
    {
        var terminal = context.Terminal;
        terminal.WriteLine($"Paste the {what}, then press Enter on an empty line:");
        var text = new StringBuilder();
        bool ended = false;
        while (true)
        {
            string line = terminal.ReadLine("");
            if (line.Length == 0 && ended)
            {
                return text.ToString();
            }

            if (line.StartsWith("-----END ", StringComparison.Ordinal) && line.EndsWith(label + "-----", StringComparison.Ordinal))
            {
                ended = true;
            }

            text.Append(line).Append('\n');
            if (text.Length > TlsCertificateStore.MaxPemLength)
            {
                terminal.Problem($"more than {TlsCertificateStore.MaxPemLength} bytes: that is not a {label.ToLowerInvariant()}; nothing changed");
                return null;
            }
        }
    }
}
