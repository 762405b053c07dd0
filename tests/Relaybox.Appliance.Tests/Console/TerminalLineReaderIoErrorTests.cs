using Relaybox.Appliance.Console;

namespace Relaybox.Appliance.Tests.Console;

public sealed class TerminalLineReaderIoErrorTests
{
    sealed class FailingInput : MemoryStream
    {
        public override int Read(byte[] buffer, int offset, int count) => throw new IOException("EIO");
    }

    [Fact]
    public void IoErrorOnTheInputIsDisconnected()
    {
        var reader = new TerminalLineReader(new FailingInput(), new MemoryStream());
        Assert.Equal(TerminalLineOutcome.Disconnected, reader.ReadLine().Outcome);
    }
}
