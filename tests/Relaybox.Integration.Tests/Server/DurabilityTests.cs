using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Relaybox.Integration.Tests.Harness;

namespace Relaybox.Integration.Tests.Server;

/// <summary>A message that got 250 survives SIGKILL of the daemon at any moment.</summary>
public sealed partial class DurabilityTests
{
    private const string LoadScript = """
        import smtplib, ssl, sys, threading
        port = int(sys.argv[1])
        lock = threading.Lock()
        def worker(n):
            i = 0
            try:
                with smtplib.SMTP("127.0.0.1", port, timeout=20) as s:
                    s.ehlo("loader.lan")
                    while i < 200:
                        marker = f"marker-{n}-{i}"
                        s.mail("loader@relay.test")
                        s.rcpt("owner@example.net")
                        code, text = s.data(f"Subject: {marker}\r\n\r\n{marker}\r\n".encode())
                        if code == 250:
                            with lock:
                                print(text.decode().split()[-1], marker, flush=True)
                        i += 1
            except Exception as e:
                with lock:
                    print("stopped", n, type(e).__name__, flush=True)
        threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
        for t in threads: t.start()
        for t in threads: t.join()
        """;

    [Fact]
    [Trait("Category", "EndToEnd")]
    public async Task EveryMessageThatGot250IsInTheQueueAfterSigkill()
    {
        await using var relay = await RelayboxInstance.StartAsync();
        var accepted = new ConcurrentDictionary<string, string>();
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(LoadScript);
        start.ArgumentList.Add(relay.SmtpPort.ToString());
        using var load = Process.Start(start)!;
        load.OutputDataReceived += (_, e) =>
        {
            var match = e.Data is null ? null : Accepted().Match(e.Data);
            if (match is { Success: true })
            {
                accepted[match.Groups[1].Value] = match.Groups[2].Value;
            }
        };
        load.BeginOutputReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (accepted.Count < 40 && DateTime.UtcNow < deadline && !load.HasExited)
        {
            await Task.Delay(5);
        }

        await relay.KillAsync();
        using (var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            await load.WaitForExitAsync(cancel.Token);
        }

        Assert.True(accepted.Count >= 40, $"only {accepted.Count} messages accepted before the kill");
        await relay.LaunchAsync();
        var queued = QueueContents.All(relay).ToDictionary(m => m.Id);
        foreach (var (id, marker) in accepted)
        {
            Assert.True(queued.TryGetValue(id, out var message), $"{id} ({marker}) got 250 but is not in the queue");
            Assert.Contains(marker + "\r\n", message!.Content);
            Assert.Equal("owner@example.net", Assert.Single(message.Envelope.Recipients).Address);
        }
    }

    [GeneratedRegex(@"^(\S+) (marker-\d+-\d+)$")]
    private static partial Regex Accepted();
}
