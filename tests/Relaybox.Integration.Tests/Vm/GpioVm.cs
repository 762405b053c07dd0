using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Relaybox.Integration.Tests.Harness;
using Xunit.Abstractions;

namespace Relaybox.Integration.Tests.Vm;

/// <summary>
/// A throw-away qemu VM running Debian's kernel with a simulated GPIO chip (label relaybox-test, lines GPIO17,
/// GPIO27, GPIO22 for the LEDs and GPIO23 for the active-low button) and the native-AOT relaybox binary. The
/// test drives it through the guest's control agent on ttyS1 (a QEMU socket chardev on 127.0.0.1): it reads
/// LED levels from gpio-sim's sysfs value files and presses the button by switching the line's pull.
/// Everything is time-bounded; on disposal the console log and the daemon's log go to the test output, so a
/// failing test shows what the guest saw. The protocol and the guest side are in image/vm/README.md.
/// </summary>
public sealed class GpioVm : IAsyncDisposable
{
    public const string StatusLed = "GPIO17";
    public const string ActivityLed = "GPIO27";
    public const string ErrorLed = "GPIO22";
    public const string Button = "GPIO23";

    // TCG boots in 6-20 s here depending on load (see image/vm/README.md); generous, as the host is shared.
    private static readonly TimeSpan BootTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);
    // The hard limit timeout(1) puts on qemu itself, whatever happens to this process.
    private static readonly TimeSpan LifetimeLimit = TimeSpan.FromMinutes(10);

    private readonly Process qemu;
    private readonly string directory;
    private readonly ITestOutputHelper? output;
    private readonly StringBuilder qemuOutput = new();
    private readonly SemaphoreSlim agentLock = new(1, 1);
    private TcpClient? agent;
    private StreamReader? agentReader;
    private Stream? agentStream;

    private GpioVm(Process qemu, string directory, ITestOutputHelper? output)
    {
        this.qemu = qemu;
        this.directory = directory;
        this.output = output;
    }

    public string ConsoleLogPath => Path.Combine(directory, "console.log");

    /// <summary>Everything the guest printed on its console (ttyS0) so far.</summary>
    public string ConsoleLog => File.Exists(ConsoleLogPath) ? File.ReadAllText(ConsoleLogPath).Replace("\r", "") : "";

    /// <summary>Boots the VM and waits until its control agent answers. The daemon is not started yet: see <see cref="StartAsync"/>.</summary>
    public static async Task<GpioVm> BootAsync(ITestOutputHelper? output = null)
    {
        int port = FreePort.Next();
        var vm = await LaunchAsync($"console=ttyS0,115200 panic=-1 loglevel=4",
            ["-chardev", $"socket,id=agent,host=127.0.0.1,port={port},server=on,wait=off", "-serial", "chardev:agent"], output);
        try
        {
            await vm.WaitForConsoleAsync("@@AGENT-READY", BootTimeout);
            await vm.ConnectAgentAsync(port);
            return vm;
        }
        catch
        {
            await vm.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Boots a VM that runs one relaybox command given on the kernel command line (no agent), then powers off.
    /// The arguments must not contain spaces or commas (the command line carries them comma-separated).
    /// </summary>
    public static async Task<AgentReply> RunCommandLineAsync(IReadOnlyList<string> relayboxArguments, ITestOutputHelper? output = null)
    {
        if (relayboxArguments.Any(a => a.Contains(' ') || a.Contains(',')))
        {
            throw new ArgumentException("kernel command line arguments cannot hold spaces or commas", nameof(relayboxArguments));
        }

        await using var vm = await LaunchAsync($"console=ttyS0,115200 panic=-1 loglevel=4 relaybox.cmd={string.Join(',', relayboxArguments)}", [], output);
        string log = await vm.WaitForConsoleAsync("@@CMD-EXIT", BootTimeout);
        int start = log.IndexOf("@@CMD-START", StringComparison.Ordinal);
        int end = log.IndexOf("@@CMD-EXIT", StringComparison.Ordinal);
        string printed = log[(log.IndexOf('\n', start) + 1)..end];
        string status = log[(end + "@@CMD-EXIT ".Length)..].Split('\n')[0].Trim();
        return new AgentReply(int.Parse(status, System.Globalization.CultureInfo.InvariantCulture), printed);
    }

    /// <summary>Runs one shell command line in the guest and returns what it printed and its exit status.</summary>
    public async Task<AgentReply> RunAsync(string command, TimeSpan? timeout = null)
    {
        if (command.Contains('\n') || command.Contains('\r'))
        {
            throw new ArgumentException("the agent takes one line per command", nameof(command));
        }

        await agentLock.WaitAsync();
        try
        {
            using var cancel = new CancellationTokenSource(timeout ?? CommandTimeout);
            await agentStream!.WriteAsync(Encoding.UTF8.GetBytes(command + "\n"), cancel.Token);
            var printed = new StringBuilder();
            while (true)
            {
                string? line;
                try
                {
                    line = await agentReader!.ReadLineAsync(cancel.Token);
                }
                catch (OperationCanceledException)
                {
                    throw new TimeoutException($"guest command '{command}' gave no answer within {timeout ?? CommandTimeout}; printed so far:\n{printed}\n{ConsoleTail()}");
                }

                if (line is null)
                {
                    throw new IOException($"the guest agent closed the channel during '{command}'\n{ConsoleTail()}");
                }

                if (line.StartsWith("@@RC ", StringComparison.Ordinal))
                {
                    return new AgentReply(int.Parse(line[5..], System.Globalization.CultureInfo.InvariantCulture), printed.ToString());
                }

                printed.Append(line).Append('\n');
            }
        }
        finally
        {
            agentLock.Release();
        }
    }

    /// <summary>Runs a command that must succeed and returns its output.</summary>
    public async Task<string> RunCheckedAsync(string command, TimeSpan? timeout = null)
    {
        var reply = await RunAsync(command, timeout);
        return reply.ExitCode == 0 ? reply.Output : throw new InvalidOperationException($"guest command '{command}' failed: {reply}");
    }

    /// <summary>Writes a file in the guest (small text files: the config, a message).</summary>
    public Task WriteFileAsync(string path, string content, string mode = "0644")
        => RunCheckedAsync($"put-file {Quote(path)} {mode} {Convert.ToBase64String(Encoding.UTF8.GetBytes(content))}");

    /// <summary>Writes /etc/relaybox/relaybox.ini and starts "relaybox run --config /etc/relaybox/relaybox.ini" in the background.</summary>
    public async Task StartAsync(string configIni)
    {
        await WriteFileAsync("/etc/relaybox/relaybox.ini", configIni);
        await RunCheckedAsync("relaybox-start");
    }

    /// <summary>What the daemon has logged so far (its stdout and stderr).</summary>
    public async Task<string> RelayboxLogAsync() => (await RunAsync("cat /var/log/relaybox.log")).Output;

    /// <summary>Waits until the daemon's log contains <paramref name="text"/> (any case); fails with the log when it does not in time.</summary>
    public async Task<string> WaitForLogAsync(string text, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            string log = await RelayboxLogAsync();
            if (log.Contains(text, StringComparison.OrdinalIgnoreCase))
            {
                return log;
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"relaybox did not log '{text}' within {timeout}; its log:\n{log}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Waits until the daemon answers SMTP on 127.0.0.1:25 in the guest, i.e. it is serving.</summary>
    public async Task WaitForSmtpAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!(await RunAsync("printf 'QUIT\\r\\n' | nc -w 2 127.0.0.1 25")).Output.Contains("220 ", StringComparison.Ordinal))
        {
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"relaybox did not answer SMTP within {timeout}; its log:\n{await RelayboxLogAsync()}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>CPU time (user + system) the daemon has used so far, from /proc/PID/stat (fields 14 and 15, in clock ticks of 1/100 s).</summary>
    public async Task<TimeSpan> RelayboxCpuTimeAsync()
    {
        string stat = await RunCheckedAsync("cat /proc/$(cat /run/relaybox.pid)/stat");
        // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        long ticks = long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    /// <summary>The level of a line as the simulated board sees it: the driven value of an output, the pull of an input.</summary>
    public async Task<bool> ReadLineValueAsync(string lineName)
        => (await RunCheckedAsync($"gpio-sim-line {lineName} value")).Trim() == "1";

    /// <summary>Waits until a line reads <paramref name="expected"/>; returns false if it does not within the timeout.</summary>
    public async Task<bool> WaitForLineValueAsync(string lineName, bool expected, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (await ReadLineValueAsync(lineName) == expected)
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    /// <summary>Presses the active-low button: the outside world now pulls GPIO23 to ground.</summary>
    public Task PressButtonAsync() => RunCheckedAsync($"gpio-sim-line {Button} pull pull-down");

    /// <summary>Releases the button: the pull-up takes the line high again.</summary>
    public Task ReleaseButtonAsync() => RunCheckedAsync($"gpio-sim-line {Button} pull pull-up");

    public async ValueTask DisposeAsync()
    {
        string daemonLog = "";
        try
        {
            if (agentStream is not null && !qemu.HasExited)
            {
                daemonLog = (await RunAsync("cat /var/log/relaybox.log 2>/dev/null", TimeSpan.FromSeconds(5))).Output;

                // No answer comes: the guest is gone once this runs.
                await agentStream.WriteAsync("poweroff -f\n"u8.ToArray());
            }
        }
        catch (Exception e) when (e is IOException or TimeoutException)
        {
        }

        using (var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            try
            {
                await qemu.WaitForExitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                qemu.Kill(entireProcessTree: true);
            }
        }

        output?.WriteLine($"--- VM console log\n{ConsoleLog}\n--- relaybox log (/var/log/relaybox.log)\n{daemonLog}\n--- qemu output\n{qemuOutput}");
        agent?.Dispose();
        qemu.Dispose();
        agentLock.Dispose();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>
    /// KVM where it runs guests, TCG otherwise, decided once per test run: RELAYBOX_VM_ACCEL=kvm|tcg decides;
    /// without it, when /dev/kvm exists, one short boot under KVM is tried (a /dev/kvm that opens proves nothing:
    /// on nested hosts guests hang or abort under it, see image/vm/README.md).
    /// </summary>
    private static readonly Lazy<Task<string[]>> Accelerator = new(ChooseAcceleratorAsync);

    private static readonly string[] Kvm = ["-accel", "kvm", "-cpu", "host"];

    private static readonly string[] Tcg = ["-accel", "tcg", "-cpu", "max"];

    private static async Task<string[]> ChooseAcceleratorAsync()
    {
        switch (Environment.GetEnvironmentVariable("RELAYBOX_VM_ACCEL"))
        {
            case "kvm":
                return Kvm;
            case "tcg":
                return Tcg;
        }

        if (!File.Exists("/dev/kvm"))
        {
            return Tcg;
        }

        await using var probe = await LaunchAsync("console=ttyS0,115200 panic=-1 loglevel=4 relaybox.cmd=version", [], null, Kvm);
        try
        {
            await probe.WaitForConsoleAsync("@@BOOTED", TimeSpan.FromSeconds(20));
            return Kvm;
        }
        catch (TimeoutException)
        {
            return Tcg;
        }
    }

    private static async Task<GpioVm> LaunchAsync(string kernelCommandLine, IReadOnlyList<string> extraArguments, ITestOutputHelper? output,
        string[]? accelerator = null)
    {
        accelerator ??= await Accelerator.Value;
        string image = await VmImage.EnsureBuiltAsync();
        string directory = Directory.CreateTempSubdirectory("relaybox-vm-").FullName;
        string initrd = Path.Combine(directory, "initrd.gz");
        var packed = await ExternalTool.RunAsync(Path.Combine(VmImage.ScriptDirectory, "make-run-initrd.sh"),
            [Path.Combine(image, "base.cpio.gz"), VmImage.RelayboxAotBinary(), initrd]);
        if (packed.ExitCode != 0)
        {
            throw new InvalidOperationException($"make-run-initrd.sh failed: {packed}");
        }

        var start = new ProcessStartInfo(ExternalTool.Resolve("timeout"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        string[] arguments =
        [
            "--kill-after=5", $"{(int)LifetimeLimit.TotalSeconds}", ExternalTool.Resolve("qemu-system-x86_64"),
            .. accelerator, "-machine", "pc", "-m", "512", "-smp", "1",
            "-nodefaults", "-no-user-config", "-display", "none", "-monitor", "none", "-no-reboot",
            "-kernel", Path.Combine(image, "vmlinuz"), "-initrd", initrd, "-append", kernelCommandLine,
            "-chardev", $"file,id=console,path={Path.Combine(directory, "console.log")}", "-serial", "chardev:console",
            .. extraArguments,
        ];
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start qemu");
        var vm = new GpioVm(process, directory, output);
        process.OutputDataReceived += (_, e) => vm.AppendQemuOutput(e.Data);
        process.ErrorDataReceived += (_, e) => vm.AppendQemuOutput(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return vm;
    }

    private void AppendQemuOutput(string? line)
    {
        if (line is not null)
        {
            lock (qemuOutput)
            {
                qemuOutput.Append(line).Append('\n');
            }
        }
    }

    private async Task<string> WaitForConsoleAsync(string marker, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            string log = ConsoleLog;
            if (log.Contains(marker, StringComparison.Ordinal))
            {
                return log;
            }

            if (log.Contains("@@FATAL", StringComparison.Ordinal) || qemu.HasExited || deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"the VM did not reach {marker} (qemu {(qemu.HasExited ? "exited" : "running")}, {deadline.Elapsed.TotalSeconds:F0} s)\n{ConsoleTail()}\n--- qemu output\n{qemuOutput}");
            }

            await Task.Delay(100);
        }
    }

    private async Task ConnectAgentAsync(int port)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var client = new TcpClient();
            try
            {
                await client.ConnectAsync("127.0.0.1", port);
                agent = client;
                agentStream = client.GetStream();
                agentReader = new StreamReader(agentStream, Encoding.UTF8);
                break;
            }
            catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(10))
            {
                client.Dispose();
                await Task.Delay(100);
            }
        }

        // The first exchange proves the agent's tty is set up (raw, no echo) before any real command.
        var hello = await RunAsync("echo agent-ok");
        if (hello.Output.Trim() != "agent-ok")
        {
            throw new InvalidOperationException($"unexpected agent greeting: {hello}");
        }
    }

    private string ConsoleTail()
    {
        string log = ConsoleLog;
        return "--- VM console (tail)\n" + (log.Length > 4000 ? log[^4000..] : log);
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''") + "'";
}
