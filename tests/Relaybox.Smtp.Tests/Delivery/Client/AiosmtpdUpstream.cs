using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Relaybox.Smtp.Tests.Delivery.Client;

/// <summary>Starts the aiosmtpd upstream on a free 127.0.0.1 port and reads back what it recorded.</summary>
internal sealed class AiosmtpdUpstream : IDisposable
{
    private readonly Process _process;

    private AiosmtpdUpstream(Process process, string directory, int port)
    {
        _process = process;
        Directory = directory;
        Port = port;
    }

    public string Directory { get; }

    public int Port { get; }

    public static async Task<AiosmtpdUpstream> StartAsync(string directory, params string[] arguments)
    {
        string script = Path.Combine(directory, "upstream.py");
        await File.WriteAllTextAsync(script, AiosmtpdScript.Text);
        int port = FreePort();
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in (string[])[script, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", directory, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        var upstream = new AiosmtpdUpstream(process, directory, port);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        string? line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line != "READY")
        {
            string error = await process.StandardError.ReadToEndAsync(timeout.Token);
            upstream.Dispose();
            throw new InvalidOperationException("the aiosmtpd upstream did not start: " + error);
        }

        return upstream;
    }

    /// <summary>Every command the upstream's handler saw, in order, as recorded JSON objects.</summary>
    public IReadOnlyList<JsonElement> Events()
    {
        string path = Path.Combine(Directory, "events.jsonl");
        return File.Exists(path)
            ? File.ReadAllLines(path).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList()
            : [];
    }

    public IEnumerable<string> Commands() => Events().Select(e => e.GetProperty("cmd").GetString()!);

    public byte[]? ReceivedContent()
    {
        string path = Path.Combine(Directory, "content.eml");
        return File.Exists(path) ? File.ReadAllBytes(path) : null;
    }

    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close(); // the script stops its server when stdin ends
            if (!_process.WaitForExit(5000))
            {
                _process.Kill();
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
