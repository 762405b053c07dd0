namespace Relaybox.Appliance.Tests.Console;

/// <summary>Input that hands over one byte per Read, like a serial line at typing speed,
/// then reports end of stream (a pulled cable).</summary>
sealed class OneByteAtATimeStream(byte[] bytes) : Stream
{
    int _position;

    public int ReadCalls { get; private set; }

    public override int Read(byte[] buffer, int offset, int count)
    {
        ReadCalls++;
        if (_position == bytes.Length || count == 0)
            return 0;
        buffer[offset] = bytes[_position++];
        return 1;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
