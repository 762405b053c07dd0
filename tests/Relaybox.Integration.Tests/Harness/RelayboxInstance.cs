using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Relaybox.Integration.Tests.Harness;

/// <summary>
/// A real relaybox process with its own config and data directory under a temporary folder, listening on
/// free loopback ports. Tests change config keys through <see cref="RelayboxSettings"/>, add users with the
/// real CLI, and can SIGTERM, SIGKILL and restart it. Everything is bounded in time; disposal kills it.
/// </summary>
public sealed class RelayboxInstance : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly StringBuilder log = new();
    private Process? process;

    private RelayboxInstance(RelayboxSettings settings)
    {
        Settings = settings;
        Root = Directory.CreateTempSubdirectory("relaybox-it-").FullName;
        DataDirectory = Path.Combine(Root, "data");
        ConfigPath = Path.Combine(Root, "relaybox.ini");
        Directory.CreateDirectory(DataDirectory);
        SmtpPort = FreePort.Next();
        SubmissionPort = FreePort.Next();
        SmtpsPort = FreePort.Next();
        File.WriteAllText(ConfigPath, settings.Render(this));
    }

    public RelayboxSettings Settings { get; }

    public string Root { get; }

    public string DataDirectory { get; }

    public string ConfigPath { get; }

    public string QueueDirectory => Path.Combine(DataDirectory, "queue");

    public int SmtpPort { get; }

    public int SubmissionPort { get; }

    public int SmtpsPort { get; }

    public string Hostname => Settings.Hostname;

    public int ProcessId => process?.Id ?? throw new InvalidOperationException("not running");

    /// <summary>Everything the daemon printed so far (stdout and stderr, in order).</summary>
    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    public static async Task<RelayboxInstance> StartAsync(RelayboxSettings? settings = null, params (string Login, string Password)[] users)
    {
        var instance = new RelayboxInstance(settings ?? new RelayboxSettings());
        try
        {
            foreach (var (login, password) in users)
            {
                await instance.AddUserAsync(login, password);
            }

            await instance.LaunchAsync();
            return instance;
        }
        catch
        {
            await instance.DisposeAsync();
            throw;
        }
    }

    public async Task AddUserAsync(string login, string password, params string[] extra)
    {
        var result = await CliAsync(["user", "add", login, "--password-stdin", .. extra], password + "\n");
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"relaybox user add {login} failed: {result}");
        }
    }

    /// <summary>Runs a relaybox CLI verb against this instance's config.</summary>
    public Task<ProcessResult> CliAsync(IEnumerable<string> arguments, string? standardInput = null) =>
        ExternalTool.RunAsync(RelayboxBinary.Path, [.. arguments, "--config", ConfigPath], standardInput);

    public async Task LaunchAsync()
    {
        if (process is { HasExited: false })
        {
            throw new InvalidOperationException("already running");
        }

        var start = new ProcessStartInfo(RelayboxBinary.Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in Settings.Environment)
        {
            start.Environment[key] = value;
        }

        start.ArgumentList.Add("run");
        start.ArgumentList.Add("--config");
        start.ArgumentList.Add(ConfigPath);
        process = Process.Start(start) ?? throw new InvalidOperationException("could not start relaybox");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + StartTimeout;
        foreach (int port in Settings.EnabledPorts(this))
        {
            while (!await AcceptsAsync(port))
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"relaybox exited with {process.ExitCode} before listening:\n{Log}");
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"relaybox did not listen on {port} within {StartTimeout}:\n{Log}");
                }

                await Task.Delay(50);
            }
        }
    }

    /// <summary>SIGKILL: no chance to clean up, as in a power cut of the process.</summary>
    public async Task KillAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    /// <summary>SIGTERM and wait for the graceful drain; returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan? timeout = null)
    {
        if (process is null || process.HasExited)
        {
            return process?.ExitCode ?? 0;
        }

        Signal(ProcessSignal.Term);
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(cancel.Token);
        return process.ExitCode;
    }

    public void Signal(ProcessSignal signal) => ProcessSignals.Send(ProcessId, signal);

    public async Task RestartAsync()
    {
        await KillAsync();
        await LaunchAsync();
    }

    /// <summary>Waits until the log contains <paramref name="text"/>, bounded.</summary>
    public async Task<bool> WaitForLogAsync(string text, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < deadline)
        {
            if (Log.Contains(text, StringComparison.Ordinal))
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }

        process?.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder must not fail a test.
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
