using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Relaybox.Integration.Tests.Harness.Pty;

namespace Relaybox.Integration.Tests.Harness;

/// <summary>
/// A program on a real pseudo-terminal, driven the way a person at a serial console drives it: type, wait for
/// a prompt, read the screen, pull the cable. The program gets the pty slave (80x24) as its controlling
/// terminal and as stdin, stdout and stderr, in a session of its own, so <see cref="Hangup"/> reaches it
/// exactly as a dropped serial line does (SIGHUP, then EOF/EIO on read). A background thread drains the
/// master all the time, so the program never blocks on a full terminal buffer.
/// </summary>
public sealed class PtyProcess : IDisposable
{
    public const ushort Rows = 24, Columns = 80;

    /// <summary>How long typing may wait for the program to read its input before the test fails.</summary>
    public static readonly TimeSpan TypingTimeout = TimeSpan.FromSeconds(10);

    // Short enough that Hangup and Dispose stop the reader promptly; the reader sleeps in poll, not a spin.
    private static readonly TimeSpan ReaderPollInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(3);
    private const int TranscriptTailChars = 1500;

    // setsid: a new session, so the terminal the shell opens next becomes its controlling terminal.
    // <> opens it read-write once and 1 and 2 share that open file, as getty and systemd's StandardInput=tty do.
    private const string Launcher = "tty=$1; shift; exec \"$@\" <>\"$tty\" >&0 2>&0";

    private readonly PseudoTerminalPair terminal;
    private readonly Process process;
    private readonly TerminalTranscript transcript = new();
    private readonly Thread reader;
    private readonly string description;
    private volatile bool stopReading;
    private bool disposed;

    private PtyProcess(PseudoTerminalPair terminal, Process process, string description)
    {
        this.terminal = terminal;
        this.process = process;
        this.description = description;
        reader = new Thread(DrainMaster) { IsBackground = true, Name = $"pty reader {terminal.SlavePath}" };
        reader.Start();
        // Once the program is gone, the pair's own slave descriptor is the last one: release it so the reader
        // sees EIO, the end of output.
        _ = process.WaitForExitAsync().ContinueWith(_ => terminal.ReleaseSlave(), TaskScheduler.Default);
    }

    /// <summary>The program's process id; also its session and process group id.</summary>
    public int ProcessId => process.Id;

    /// <summary>The slave's path (/dev/pts/N): what `tty` prints inside the program.</summary>
    public string TerminalPath => terminal.SlavePath;

    public bool HasExited => process.HasExited;

    /// <summary>Everything printed so far, \r removed, escape sequences kept.</summary>
    public string Transcript => transcript.Raw;

    /// <summary>Everything printed so far, \r removed, escape sequences removed.</summary>
    public string TranscriptPlain => transcript.Plain;

    /// <summary>
    /// Starts the program on a new 80x24 pty. TERM is "dumb" unless the environment says otherwise; a null
    /// value removes a variable inherited from the test host.
    /// </summary>
    public static PtyProcess Start(string file, IEnumerable<string> arguments, IDictionary<string, string?>? environment = null)
    {
        string program = ExternalTool.Resolve(file);
        var terminal = PseudoTerminalPair.Open(Rows, Columns);
        try
        {
            var start = new ProcessStartInfo(ExternalTool.Resolve("setsid"))
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            // --wait only matters if setsid has to fork (when it leads its process group, which a child of
            // this host does not): then the exit status is still the program's.
            foreach (string argument in new[] { "--wait", "/bin/sh", "-c", Launcher, "relaybox-pty", terminal.SlavePath, program })
            {
                start.ArgumentList.Add(argument);
            }

            var programArguments = arguments.ToList();
            foreach (string argument in programArguments)
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["TERM"] = "dumb";
            foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
            {
                if (value is null)
                {
                    start.Environment.Remove(key);
                }
                else
                {
                    start.Environment[key] = value;
                }
            }

            var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
            // Nothing is read from these pipes: the launcher replaces them with the terminal before the program
            // runs. Drained only so that a launcher error cannot block on them.
            process.StandardInput.Close();
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return new PtyProcess(terminal, process, string.Join(' ', programArguments.Prepend(file)));
        }
        catch
        {
            terminal.Dispose();
            throw;
        }
    }

    /// <summary>Types the text as raw UTF-8 bytes; nothing is added (no Enter).</summary>
    public void Type(string text) => terminal.Write(Encoding.UTF8.GetBytes(text), TypingTimeout);

    /// <summary>Types the text and presses Enter, which a terminal sends as CR.</summary>
    public void TypeLine(string text) => Type(text + "\r");

    /// <summary>Presses one key that sends one byte (see <see cref="PtyKeys"/>).</summary>
    public void SendKey(byte key) => terminal.Write([key], TypingTimeout);

    /// <summary>
    /// Waits until the plain output after the previous match contains the text; returns that output up to and
    /// including the text. On timeout, or if output ends first, throws with the transcript's tail.
    /// </summary>
    public async Task<string> WaitForAsync(string expected, TimeSpan timeout)
    {
        var search = await WaitForMatchAsync(new Regex(Regex.Escape(expected)), $"\"{expected}\"", timeout);
        return search.Consumed;
    }

    /// <summary>As <see cref="WaitForAsync"/> with a regular expression; returns the match (for its groups).</summary>
    public async Task<Match> WaitForRegexAsync(string pattern, TimeSpan timeout)
    {
        var search = await WaitForMatchAsync(new Regex(pattern), $"/{pattern}/", timeout);
        return search.Match!;
    }

    /// <summary>Closes the master: the cable is pulled. The program is hung up; output after this is lost.</summary>
    public void Hangup()
    {
        // Stop the reader first: a close while another thread is inside read() on the same descriptor would
        // only take effect when that read returns.
        stopReading = true;
        reader.Join(StopTimeout);
        terminal.CloseMaster();
    }

    /// <summary>Waits for the program to exit and returns its exit code (128 + N if killed by signal N).</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{description} did not exit within {timeout}{Environment.NewLine}{TailForMessage()}");
        }

        return process.ExitCode;
    }

    /// <summary>Hangs up, then kills the program's whole process group if it outlives the hangup; bounded.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        Hangup();
        if (!process.WaitForExit(StopTimeout))
        {
            try
            {
                ProcessSignals.Send(-process.Id, ProcessSignal.Kill);
            }
            catch (InvalidOperationException)
            {
                // The group is already gone.
            }

            process.Kill(entireProcessTree: true);
            process.WaitForExit(StopTimeout);
        }

        terminal.Dispose();
        process.Dispose();
    }

    private async Task<TranscriptSearch> WaitForMatchAsync(Regex pattern, string shown, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            var search = transcript.TryConsume(pattern);
            if (search.Match is not null)
            {
                return search;
            }

            if (search.OutputEnded)
            {
                throw new TimeoutException($"output of {description} ended without {shown}{Environment.NewLine}{TailForMessage()}");
            }

            try
            {
                await search.Changed.WaitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"waited {timeout.TotalSeconds:0.###} s for {shown} from {description}{Environment.NewLine}{TailForMessage()}");
            }
        }
    }

    private string TailForMessage()
    {
        string state = process.HasExited ? $"exited with {process.ExitCode}" : "still running";
        return $"--- program {state}; unmatched output: {transcript.Unconsumed.Length} chars; transcript tail:{Environment.NewLine}{transcript.Tail(TranscriptTailChars)}";
    }

    private void DrainMaster()
    {
        byte[] buffer = new byte[4096];
        try
        {
            while (!stopReading)
            {
                if (!terminal.WaitReadable(ReaderPollInterval))
                {
                    continue;
                }

                if (!ReadAvailable(buffer))
                {
                    return;
                }
            }

            // Hung up by the test: keep what had already arrived.
            ReadAvailable(buffer);
        }
        finally
        {
            transcript.End();
        }
    }

    /// <summary>Reads until nothing is pending; false once the output has ended.</summary>
    private bool ReadAvailable(byte[] buffer)
    {
        while (true)
        {
            switch (terminal.Read(buffer, out int count))
            {
                case PtyReadOutcome.Data:
                    transcript.Append(buffer.AsSpan(0, count));
                    break;
                case PtyReadOutcome.NothingYet:
                    return true;
                default:
                    return false;
            }
        }
    }
}
