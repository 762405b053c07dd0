using Relaybox.Appliance.Console;

namespace Relaybox.Appliance.Tests.Console;

public sealed class TerminalLineReaderOnPtyTests
{
    [Fact]
    public void ReaderOnARawPtySeesCrAndCtrlCAsTypedAndOnlyItsOwnEchoReturns()
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

        var echo = new byte[256];
        int count = master.Read(echo);
        // With kernel echo off, the master sees exactly what the reader echoed and nothing of the secret.
        Assert.Equal("ab\b \bc\r\nx^C\r\n\r\n", System.Text.Encoding.UTF8.GetString(echo, 0, count));
    }
}
