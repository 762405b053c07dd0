using Relaybox.Integration.Tests.Harness;

namespace Relaybox.Integration.Tests.Console;

/// <summary>The pty harness the console tests stand on: a real terminal, driven like a person drives one.</summary>
public sealed class PtyProcessTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    // python3 from PATH is enough here: these programs use only the standard library.
    private static PtyProcess Python(string program, params string[] arguments) =>
        PtyProcess.Start("python3", ["-c", program, .. arguments]);

    [Fact]
    public async Task TypedTextComesBackFromCatThroughTheTerminal()
    {
        using var cat = PtyProcess.Start("/bin/cat", []);

        cat.TypeLine("hello relaybox");

        // Once as the terminal's echo, once as cat's output; Enter arrives as a newline (ICRNL).
        await cat.WaitForAsync("hello relaybox\nhello relaybox\n", Timeout);
    }

    [Fact]
    public async Task TheProgramHasThePtyAsItsControllingTerminal()
    {
        using var child = Python(
            "import os\n" +
            "print('tty', os.ttyname(0))\n" +
            "os.close(os.open('/dev/tty', os.O_RDWR))\n" + // fails with ENXIO without a controlling terminal
            // tcgetpgrp(0) fails with ENOTTY unless fd 0 is the caller's controlling terminal.
            "print('ctty', os.getsid(0) == os.getpid(), os.tcgetpgrp(0) == os.getpgrp())\n");

        var tty = await child.WaitForRegexAsync(@"tty (/dev/pts/\d+)\n", Timeout);
        var ctty = await child.WaitForRegexAsync(@"ctty (\w+) (\w+)\n", Timeout);

        Assert.Equal(child.TerminalPath, tty.Groups[1].Value);
        Assert.Equal("True", ctty.Groups[1].Value); // session leader
        Assert.Equal("True", ctty.Groups[2].Value); // in the foreground: it gets SIGHUP and Ctrl-C
        Assert.Equal(0, await child.WaitForExitAsync(Timeout));
    }

    [Fact]
    public async Task TtyPrintsTheSlavePath()
    {
        using var tty = PtyProcess.Start("tty", []);

        await tty.WaitForAsync(tty.TerminalPath + "\n", Timeout);
        Assert.Equal(0, await tty.WaitForExitAsync(Timeout));
    }

    [Fact]
    public async Task TheTerminalIs80By24()
    {
        using var stty = PtyProcess.Start("stty", ["size"]);

        await stty.WaitForAsync("24 80\n", Timeout);
    }

    [Fact]
    public async Task TermIsDumbByDefaultAndTheEnvironmentIsSettable()
    {
        using var child = PtyProcess.Start("/bin/sh", ["-c", "echo \"term=$TERM config=$RELAYBOX_CONFIG home=${HOME-unset}\""],
            new Dictionary<string, string?> { ["RELAYBOX_CONFIG"] = "/tmp/relaybox-pty.ini", ["HOME"] = null });

        await child.WaitForAsync("term=dumb config=/tmp/relaybox-pty.ini home=unset\n", Timeout);
    }

    [Fact]
    public async Task KeysArriveAsSingleRawBytesWhenTheProgramPutsTheTerminalInRawMode()
    {
        using var child = Python(
            "import os, sys, tty\n" +
            "tty.setraw(0)\n" +
            "os.write(1, b'ready\\r\\n')\n" +
            "got = b''\n" +
            "while not got.endswith(b'\\r'):\n" +
            "    got += os.read(0, 64)\n" +
            "os.write(1, (repr(got) + '\\r\\n').encode())\n");
        await child.WaitForAsync("ready\n", Timeout);

        child.Type("ab");
        child.SendKey(PtyKeys.Backspace);
        child.SendKey(PtyKeys.CtrlU);
        child.SendKey(PtyKeys.CtrlC);
        child.TypeLine("é");

        await child.WaitForAsync(@"b'ab\x7f\x15\x03\xc3\xa9\r'", Timeout);
        Assert.Equal(0, await child.WaitForExitAsync(Timeout));
    }

    [Fact]
    public async Task WaitingResumesAfterThePreviousMatch()
    {
        using var child = PtyProcess.Start("/bin/sh", ["-c", "echo 'prompt> one'; read line; echo \"got $line\"; echo 'prompt> two'; read line"]);

        await child.WaitForAsync("prompt> ", Timeout);
        child.TypeLine("first");
        string between = await child.WaitForAsync("prompt> ", Timeout);

        Assert.Equal("one\nfirst\ngot first\nprompt> ", between);
    }

    [Fact]
    public async Task EscapeSequencesStayInTheTranscriptAndLeaveThePlainTranscript()
    {
        using var child = PtyProcess.Start("printf", ["\\033[1mbold\\033[0m \\033]0;title\\007plain\\r\\n"]);

        await child.WaitForAsync("bold plain\n", Timeout);

        Assert.Equal("\u001b[1mbold\u001b[0m \u001b]0;title\u0007plain\n", child.Transcript);
        Assert.Equal("bold plain\n", child.TranscriptPlain);
    }

    [Fact]
    public async Task OutputFarBeyondThePtyBufferNeverBlocksTheProgram()
    {
        // A pty holds a few KiB; without the harness draining it, the program would block in write.
        using var child = Python("import sys\nfor i in range(4000):\n    print('%05d' % i + ' relaybox' * 6)\nprint('all written')\n");

        await child.WaitForAsync("all written\n", Timeout);

        Assert.Contains("03999 relaybox", child.TranscriptPlain);
        Assert.Equal(0, await child.WaitForExitAsync(Timeout));
    }

    [Fact]
    public async Task HangupEndsAProgramReadingTheTerminal()
    {
        using var cat = PtyProcess.Start("/bin/cat", []);
        cat.TypeLine("still here");
        await cat.WaitForAsync("still here\nstill here\n", Timeout);

        cat.Hangup();

        int exitCode = await cat.WaitForExitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(128 + (int)ProcessSignal.Hup, exitCode);
    }

    [Fact]
    public async Task AProgramIgnoringSigHupStillSeesTheEndOfItsInputAfterHangup()
    {
        string marker = Path.Combine(Path.GetTempPath(), $"relaybox-pty-{Guid.NewGuid():N}");
        try
        {
            // Like the console: SIGHUP is not what ends it; reading EIO or EOF is.
            using var child = Python(
                "import os, signal, sys\n" +
                "signal.signal(signal.SIGHUP, signal.SIG_IGN)\n" +
                "print('reading', flush=True)\n" +
                "try:\n" +
                "    data = os.read(0, 64)\n" +
                "    outcome = 'eof' if data == b'' else 'data'\n" +
                "except OSError as e:\n" +
                "    outcome = 'oserror ' + str(e.errno)\n" +
                "open(sys.argv[1], 'w').write(outcome)\n",
                marker);
            await child.WaitForAsync("reading\n", Timeout);

            child.Hangup();

            Assert.Equal(0, await child.WaitForExitAsync(TimeSpan.FromSeconds(5)));
            Assert.Matches("^(eof|oserror 5)$", File.ReadAllText(marker));
        }
        finally
        {
            File.Delete(marker);
        }
    }

    [Fact]
    public async Task WaitForTimeoutShowsWhatWasExpectedAndTheTranscriptTail()
    {
        using var child = Python("import sys\nprint('banner 4711 \\x1b[7mready', flush=True)\nsys.stdin.read()\n");
        await child.WaitForAsync("ready", Timeout);

        var failure = await Assert.ThrowsAsync<TimeoutException>(() => child.WaitForAsync("never printed", TimeSpan.FromMilliseconds(300)));

        Assert.Contains("\"never printed\"", failure.Message);
        Assert.Contains(@"banner 4711 \e[7mready", failure.Message);
        Assert.Contains("still running", failure.Message);
    }

    [Fact]
    public async Task WaitForFailsAtOnceWhenTheOutputEndsWithoutTheText()
    {
        using var child = PtyProcess.Start("/bin/echo", ["goodbye"]);

        var failure = await Assert.ThrowsAsync<TimeoutException>(() => child.WaitForAsync("never printed", TimeSpan.FromSeconds(30)));

        Assert.Contains("ended without", failure.Message);
        Assert.Contains("goodbye", failure.Message);
    }

    [Fact]
    public async Task DisposeKillsAProgramThatOutlivesTheHangup()
    {
        var child = Python("import signal, time\nsignal.signal(signal.SIGHUP, signal.SIG_IGN)\nprint('stubborn', flush=True)\ntime.sleep(600)\n");
        await child.WaitForAsync("stubborn", Timeout);
        int pid = child.ProcessId;

        var disposing = Task.Run(child.Dispose);

        await disposing.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.False(Directory.Exists($"/proc/{pid}"), $"process {pid} still exists after Dispose");
    }
}
