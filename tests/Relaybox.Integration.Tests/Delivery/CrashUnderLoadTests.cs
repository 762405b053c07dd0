using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Relaybox.Integration.Tests.Harness;
using Xunit.Abstractions;

namespace Relaybox.Integration.Tests.Delivery;

/// <summary>
/// The issue's crash test: under a steady load, SIGKILL the daemon several times at random moments; after the
/// last restart every message that got a 250 must reach the upstream. Duplicates are possible by design (a
/// kill between the upstream's 250 and the state save, RFC 1047) and are counted and reported, not hidden.
/// </summary>
public sealed partial class CrashUnderLoadTests(ITestOutputHelper output)
{
    private const int Kills = 5;

    private const string LoadScript = """
        import smtplib, sys, threading, time
        port, per_thread = int(sys.argv[1]), int(sys.argv[2])
        lock = threading.Lock()
        def worker(n):
            i = 0
            while i < per_thread:
                try:
                    with smtplib.SMTP("127.0.0.1", port, timeout=20) as s:
                        s.ehlo("loader.lan")
                        while i < per_thread:
                            marker = f"marker-{n}-{i}"
                            s.mail("loader@relay.test")
                            s.rcpt("owner@example.net")
                            code, text = s.data(f"Subject: {marker}\r\nMessage-ID: <{marker}@loader.lan>\r\nDate: Sun, 22 Nov 2026 10:00:00 +0000\r\n\r\n{marker}\r\n".encode())
                            i += 1
                            if code == 250:
                                with lock:
                                    print("ok", text.decode().split()[-1], marker, flush=True)
                except Exception:
                    time.sleep(0.05)  # the daemon is being killed: connect again
        threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
        for t in threads: t.start()
        for t in threads: t.join()
        print("done", flush=True)
        """;

    [Fact]
    [Trait("Category", "EndToEnd")]
    public async Task EveryMessageThatGot250ReachesTheUpstreamAcrossRepeatedSigkills()
    {
        await using var sink = await UpstreamSink.StartAsync();
        await using var relay = await RelayboxInstance.StartAsync(DeliveryTestSetup.Through(sink).Set("queue.min_backoff", "10s"));
        var accepted = new ConcurrentDictionary<string, string>();
        var done = new TaskCompletionSource();
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in (string[])["-c", LoadScript, relay.SmtpPort.ToString(), "150"])
        {
            start.ArgumentList.Add(argument);
        }

        using var load = Process.Start(start)!;
        load.OutputDataReceived += (_, e) =>
        {
            if (e.Data == "done")
            {
                done.TrySetResult();
            }
            else if (e.Data is not null && Accepted().Match(e.Data) is { Success: true } match)
            {
                accepted[match.Groups[2].Value] = match.Groups[1].Value;
            }
        };
        load.BeginOutputReadLine();

        var random = new Random();
        for (int kill = 0; kill < Kills; kill++)
        {
            await Task.Delay(random.Next(200, 1200));
            await relay.KillAsync();
            await relay.LaunchAsync();
        }

        Assert.True(await Task.WhenAny(done.Task, Task.Delay(TimeSpan.FromSeconds(120))) == done.Task, "the load did not finish");
        await DeliveryTestSetup.WaitForEmptyQueueAsync(relay, TimeSpan.FromSeconds(120));

        var received = sink.Received()
            .Select(m => Marker().Match(Encoding.ASCII.GetString(m.Content)).Value)
            .GroupBy(marker => marker)
            .ToDictionary(g => g.Key, g => g.Count());
        var lost = accepted.Keys.Where(marker => !received.ContainsKey(marker)).Order(StringComparer.Ordinal).ToList();
        int duplicates = received.Values.Sum(count => count - 1);
        output.WriteLine($"{Kills} SIGKILLs; {accepted.Count} messages got 250; {received.Count} distinct reached the upstream; " +
                         $"{lost.Count} lost; {duplicates} duplicates");

        Assert.True(accepted.Count >= 100, $"only {accepted.Count} messages were accepted");
        Assert.True(lost.Count == 0, $"lost after 250: {string.Join(", ", lost.Take(20))}\n{relay.Log}");
    }

    [GeneratedRegex(@"^ok (\S+) (marker-\d+-\d+)$")]
    private static partial Regex Accepted();

    [GeneratedRegex(@"marker-\d+-\d+")]
    private static partial Regex Marker();
}
