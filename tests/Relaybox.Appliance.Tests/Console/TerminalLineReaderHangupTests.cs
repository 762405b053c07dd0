using Relaybox.Appliance.Console;

namespace Relaybox.Appliance.Tests.Console;

public sealed class TerminalLineReaderHangupTests
{
    [Fact]
    public void HangupOfARealPtyMidLineIsDisconnectedNotAnException()
    {
        var pty = new PseudoTerminal();
        try
        {
            using var raw = RawTerminalMode.Enter(pty.SlaveFd);
            using var slave = new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(pty.SlaveFd, ownsHandle: false), FileAccess.ReadWrite, bufferSize: 0);
            using (var master = new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(pty.MasterFd, ownsHandle: true), FileAccess.ReadWrite, bufferSize: 0))
                master.Write("set password hal"u8);
            // The master is closed: the slave now reads EIO, which is what a hangup looks like.

            var result = new TerminalLineReader(slave, slave).ReadLine();

            Assert.Equal(TerminalLineOutcome.Disconnected, result.Outcome);
            Assert.Equal("", result.Text);
        }
        finally
        {
            Relaybox.Appliance.Console.Interop.Libc.Close(pty.SlaveFd);
        }
    }
}
