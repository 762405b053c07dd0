using System.Globalization;
using Relaybox.Appliance.Configuration.Schema;
using Relaybox.Appliance.Console.Editing;
using Relaybox.Appliance.Console.Prompts;
using Relaybox.Appliance.Hosting;
using Relaybox.Smtp.Delivery.Client;
using Relaybox.Smtp.Delivery.Probe;

namespace Relaybox.Appliance.Console.Setup;

/// <summary>
/// "How does mail leave this box?": a provider from the presets, another server, or direct MX delivery; then the
/// login, then a live connection test whose failure names the step (DNS, TCP, TLS, certificate, login) and offers
/// what fits it: trust a certificate by its fingerprint, type the login again, change the settings, or keep them.
/// </summary>
public sealed class SmarthostDialog(Questions ask, SmarthostProbe probe)
{
    private const string OtherServer = "Another provider, or a mail server on your network";
    private const string DirectDelivery = "No smarthost: deliver straight to each recipient's mail server (needs outbound port 25)";

    /// <summary>Puts the operator's smarthost into <paramref name="changes"/>; returns the line for the summary.</summary>
    public async Task<string> RunAsync(PendingChanges changes, CancellationToken cancellationToken)
    {
        var terminal = ask.Terminal;
        terminal.Heading("How mail leaves this box");
        var choices = SmarthostPresets.All.Select(p => $"{p.Name} ({p.Host})").Append(OtherServer).Append(DirectDelivery).ToList();
        int picked = ask.Choose("Which provider sends your mail?", choices);
        if (picked == choices.Count - 1)
        {
            SmarthostChoice.ApplyDirectDelivery(changes);
            terminal.WriteLine("Mail will go to each recipient's mail server directly. Many home connections block port 25;");
            terminal.WriteLine("if yours does, mail waits in the queue and relaybox tells you (status, log, admin mail).");
            return "none: each domain's MX directly";
        }

        SmarthostPreset? preset = picked < SmarthostPresets.All.Count ? SmarthostPresets.All[picked] : null;
        SmarthostChoice choice = preset is null ? AskServer(changes.Config, null) : FromPreset(preset);
        choice = choice with { Login = AskLogin(preset) };
        while (true)
        {
            choice.ApplyTo(changes);
            ProbeReport report = await TestAsync(changes, choice, cancellationToken);
            if (report.Succeeded)
            {
                return choice.Describe() + " (tested: works)";
            }

            switch (NextStep(report))
            {
                case Step.Trust:
                    choice = choice with { PinnedFingerprint = report.Certificate!.Fingerprint };
                    terminal.WriteLine($"relaybox will accept exactly this certificate (SHA-256 {report.Certificate.FingerprintWithColons}).");
                    break;
                case Step.Login:
                    choice = choice with { Login = AskLogin(preset) };
                    break;
                case Step.Change:
                    choice = AskServer(changes.Config, choice) with { Login = AskLogin(preset), PinnedFingerprint = null };
                    break;
                case Step.Again:
                    break;
                default:
                    terminal.WriteLine("Kept. Mail waits in the queue until the smarthost accepts it; the status shows why.");
                    return choice.Describe() + $" (test failed: {report.FailedStage.ToString().ToLowerInvariant()})";
            }
        }
    }

    private enum Step { Trust, Login, Change, Again, Keep }

    private Step NextStep(ProbeReport report)
    {
        var options = new List<(string Text, Step Step)>();
        if (report.FailedStage == ProbeStage.Certificate && report.Certificate is not null)
        {
            options.Add(("Trust this certificate (pin its fingerprint)", Step.Trust));
        }

        if (report.FailedStage == ProbeStage.Auth)
        {
            options.Add(("Type the login and password again", Step.Login));
        }

        options.Add(("Change the server, port or TLS mode", Step.Change));
        options.Add(("Test again", Step.Again));
        options.Add(("Keep these settings anyway", Step.Keep));
        return options[ask.Choose("What now?", options.Select(o => o.Text).ToList(), suggested: 0)].Step;
    }

    private async Task<ProbeReport> TestAsync(PendingChanges changes, SmarthostChoice choice, CancellationToken cancellationToken)
    {
        var terminal = ask.Terminal;
        var checkedDraft = changes.Config.Check();
        if (checkedDraft.Config is not { } config)
        {
            // The values were checked one by one; a conflict between keys still shows here, before any test.
            var problem = checkedDraft.Errors.First();
            terminal.Problem(problem.Message);
            return new ProbeReport { FailedStage = ProbeStage.Dns, Summary = problem.Message };
        }

        terminal.WriteLine($"Testing {choice.RelayhostValue} (at most {ProbeRequest.DefaultTotalTimeout.TotalSeconds:0} s) ...");
        // Built as delivery builds its route; the login is the one just typed, not yet in its file.
        var configured = DeliverySetupFactory.RelayhostProbe(config, out _)!;
        var request = configured with { Relayhost = configured.Relayhost with { Credentials = choice.Login } };
        ProbeReport report = await probe.RunAsync(request, cancellationToken);
        foreach (string step in report.Steps)
        {
            terminal.WriteLine("  ok  " + step);
        }

        if (report.Succeeded)
        {
            terminal.Good("The smarthost accepted the connection" + (choice.Login is null ? "." : " and the login."));
            return report;
        }

        terminal.Problem($"{Stage(report.FailedStage)}: {report.Summary}");
        if (report.ServerReply is { } reply && !report.Summary.Contains(reply, StringComparison.Ordinal))
        {
            terminal.WriteLine("      the server said: " + reply);
        }

        if (report.FailedStage == ProbeStage.Certificate && report.Certificate is { } certificate)
        {
            terminal.WriteLine($"      certificate for {certificate.IssuedTo}, issued by {certificate.IssuedBy}, valid until {certificate.NotAfter:yyyy-MM-dd}");
            terminal.WriteLine($"      SHA-256 {certificate.FingerprintWithColons}");
        }

        if (report.Advice.Length > 0)
        {
            terminal.WriteLine("      what to do: " + report.Advice);
        }

        return report;
    }

    private static string Stage(ProbeStage stage) => stage switch
    {
        ProbeStage.Dns => "DNS",
        ProbeStage.Connect => "TCP",
        ProbeStage.Greeting => "Greeting",
        ProbeStage.Ehlo => "EHLO",
        ProbeStage.Tls => "TLS",
        ProbeStage.Certificate => "Certificate",
        _ => "Login",
    };

    private SmarthostChoice FromPreset(SmarthostPreset preset)
    {
        ask.Terminal.WriteLine($"{preset.Name}: {preset.Host} port {preset.Port}, " +
            (preset.Tls == SmarthostTls.ImplicitTls ? "implicit TLS." : "STARTTLS."));
        ask.Terminal.WriteLine("Note: " + preset.Note + ".");
        return new SmarthostChoice(preset.Host, preset.Port, preset.Tls, null);
    }

    private SmarthostChoice AskServer(ConfigDraft draft, SmarthostChoice? current)
    {
        string host = SmarthostChoice.Normalise(ask.Ask("Server name or address", current?.Host, answer =>
            answer.Length == 0 ? "type the server's name, e.g. smtp.example.net"
            : draft.ProblemWith(ConfigSchema.RelayHost, $"[{SmarthostChoice.Normalise(answer)}]:587")));
        int port = int.Parse(ask.Ask("Port (587: STARTTLS, 465: implicit TLS)", (current?.Port ?? 587).ToString(CultureInfo.InvariantCulture),
            answer => int.TryParse(answer, NumberStyles.None, CultureInfo.InvariantCulture, out int p) && p is >= 1 and <= 65535
                ? null
                : "a port is a number from 1 to 65535"), CultureInfo.InvariantCulture);
        int suggested = port == 465 ? 1 : 0;
        int mode = ask.Choose("TLS to this server:", [
            "STARTTLS, required and verified (port 587 and most servers)",
            "Implicit TLS, \"SSL/TLS\" in providers' pages (port 465)",
            "None: only for a server on your own network"], suggested);
        return new SmarthostChoice(host, port, (SmarthostTls)mode, current?.Login);
    }

    private UpstreamCredentials? AskLogin(SmarthostPreset? preset)
    {
        string hint = preset is null ? "empty: no login" : preset.LoginHint;
        string login = ask.Ask($"Login at the provider ({hint})", null, answer =>
            preset is not null && answer.Length == 0 ? "this provider needs a login"
            : answer.Any(char.IsWhiteSpace) || answer.Any(char.IsControl) ? "a login has no spaces"
            : null);
        if (login.Length == 0)
        {
            return null;
        }

        while (true)
        {
            string password = ask.AskSecret("Password (not shown as you type)", allowEmpty: false);
            if (password.Trim().Length == password.Length)
            {
                return new UpstreamCredentials(login, password);
            }

            ask.Terminal.Problem("the password starts or ends with a space, which the login file cannot keep; check it");
        }
    }
}
