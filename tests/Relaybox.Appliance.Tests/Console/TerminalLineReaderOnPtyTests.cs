using Relaybox.Appliance.Console;

namespace Relaybox.Appliance.Tests.Console;

public sealed class TerminalLineReaderOnPtyTests
{
    [Fact]
    public async Task ReaderOnARawPtySeesCrAndCtrlCAsTypedAndOnlyItsOwnEchoReturns()
    {
        using var pty = new PseudoTerminal();
        using var raw = RawTerminalMode.Enter(pty.SlaveFd);
        using var slave = new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(pty.SlaveFd, ownsHandle: false), FileAccess.ReadWrite, bufferSize: 0);
        using var master = new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(pty.MasterFd, ownsHandle: false), FileAccess.ReadWrite, bufferSize: 0);
        var reader = new TerminalLineReader(slave, slave);

        master.Write("ab\bc\r"u8);
        var line = reader.ReadLine();
        master.Write("x\u0003"u8);
        var cancelled = reader.ReadLine();
        master.Write("pw\r"u8);
        var secret = reader.ReadSecretLine();

        Assert.Equal(TerminalLineResult.Entered("ac"), line);
        Assert.Equal(TerminalLineOutcome.Cancelled, cancelled.Outcome); // ISIG off: no SIGINT, the byte arrives
        Assert.Equal(TerminalLineResult.Entered("pw"), secret);

        // With kernel echo off, the master sees exactly what the reader echoed and nothing of the secret. The pty
        // hands the bytes over in chunks of its own choosing, so read until the expected length arrived.
        const string expected = "ab\b \bc\r\nx^C\r\n\r\n";
        var echo = new byte[256];
        int count = 0;
        var reading = Task.Run(() =>
        {
            while (count < expected.Length)
            {
                count += master.Read(echo, count, echo.Length - count);
            }
        });
        await reading.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(expected, System.Text.Encoding.UTF8.GetString(echo, 0, count));
    }
}
