using System.Diagnostics;
using System.Text.Json;

namespace Relaybox.Integration.Tests.Harness;

/// <summary>
/// A real upstream SMTP server (aiosmtpd) that keeps every message it accepted; see <see cref="UpstreamSinkScript"/>.
/// It listens on 127.0.0.1 and a free port unless told otherwise (the MX tests put sinks on 127.0.25.x:25).
/// </summary>
public sealed class UpstreamSink : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private readonly string[] extraArguments;
    private Process? process;

    private UpstreamSink(string folder, string host, int port, string[] extraArguments)
    {
        Folder = folder;
        Host = host;
        Port = port;
        this.extraArguments = extraArguments;
    }

    public string Folder { get; }

    /// <summary>The IPv4 address it listens on.</summary>
    public string Host { get; }

    public int Port { get; }

    /// <summary>The [relay] relayhost value that reaches this sink.</summary>
    public string Relayhost => $"[{Host}]:{Port}";

    /// <summary>
    /// Starts a sink; <paramref name="certificate"/>/<paramref name="key"/> (PEM files) turn on STARTTLS, required; a login
    /// turns on AUTH, required. <paramref name="host"/> and <paramref name="port"/> choose where it listens (default
    /// 127.0.0.1 and a free port).
    /// </summary>
    public static async Task<UpstreamSink> StartAsync(string? certificate = null, string? key = null, string? login = null, string? password = null,
        string host = "127.0.0.1", int? port = null)
    {
        string folder = Path.Combine(Path.GetTempPath(), "relaybox-upstream-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var arguments = new List<string>();
        if (certificate is not null)
        {
            arguments.AddRange(["--cert", certificate, "--key", key!]);
        }

        if (login is not null)
        {
            arguments.AddRange(["--login", login, "--password", password!]);
        }

        var sink = new UpstreamSink(folder, host, port ?? FreePort.Next(), [.. arguments]);
        await sink.StartAsync();
        return sink;
    }

    /// <summary>(Re)starts the server on the same address and port.</summary>
    public async Task StartAsync()
    {
        var start = new ProcessStartInfo(ExternalTool.Resolve("/usr/bin/python3"))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in (string[])["-c", UpstreamSinkScript.Text, "--host", Host, "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--out", Folder, .. extraArguments])
        {
            start.ArgumentList.Add(argument);
        }

        process = Process.Start(start) ?? throw new InvalidOperationException("could not start python3");
        var errors = process.StandardError.ReadToEndAsync();
        var ready = process.StandardOutput.ReadLineAsync();
        if (await Task.WhenAny(ready, Task.Delay(StartTimeout)) != ready || await ready != "READY")
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            string why = await Task.WhenAny(errors, Task.Delay(1000)) == errors ? await errors : "";
            throw new TimeoutException($"the aiosmtpd upstream did not start on {Host}:{Port}\n{why}");
        }
    }

    /// <summary>Stops the server: relaybox then finds its smarthost down (connection refused).</summary>
    public async Task StopAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>Makes RCPT TO for <paramref name="address"/> ("*" = everyone) answer <paramref name="reply"/>, or accept again when null.</summary>
    public void ReplyTo(string address, string? reply)
    {
        string path = Path.Combine(Folder, "replies");
        var lines = File.Exists(path) ? File.ReadAllLines(path).Where(l => !l.StartsWith(address + "=", StringComparison.Ordinal)).ToList() : [];
        if (reply is not null)
        {
            lines.Add(address + "=" + reply);
        }

        File.WriteAllLines(path + ".tmp", lines);
        File.Move(path + ".tmp", path, overwrite: true);
    }

    public IReadOnlyList<ReceivedMessage> Received()
    {
        var messages = new List<ReceivedMessage>();
        foreach (string meta in Directory.EnumerateFiles(Folder, "*.json").Order(StringComparer.Ordinal))
        {
            string content = Path.ChangeExtension(meta, ".eml");
            using var json = JsonDocument.Parse(File.ReadAllBytes(meta));
            var root = json.RootElement;
            messages.Add(new ReceivedMessage(
                root.GetProperty("mail_from").GetString() ?? "",
                [.. root.GetProperty("rcpt_tos").EnumerateArray().Select(r => r.GetString() ?? "")],
                [.. root.GetProperty("mail_options").EnumerateArray().Select(r => r.GetString() ?? "")],
                File.ReadAllBytes(content),
                root.GetProperty("tls").GetBoolean(),
                root.GetProperty("login").ValueKind == JsonValueKind.String ? root.GetProperty("login").GetString() : null,
                DateTimeOffset.FromUnixTimeMilliseconds((long)(root.GetProperty("received").GetDouble() * 1000))));
        }

        return messages;
    }

    /// <summary>Waits (bounded) until at least <paramref name="count"/> messages arrived.</summary>
    public async Task<IReadOnlyList<ReceivedMessage>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var received = Received();
            if (received.Count >= count || DateTime.UtcNow > deadline)
            {
                return received;
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // a leftover folder under /tmp does not make a test wrong
        }
    }
}
