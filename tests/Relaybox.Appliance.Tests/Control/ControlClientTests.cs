using System.Net.Sockets;
using Relaybox.Appliance.Control;

namespace Relaybox.Appliance.Tests.Control;

/// <summary>The client tells "no daemon" apart from "the exchange failed", without any server of ours.</summary>
public sealed class ControlClientTests
{
    [Fact]
    public async Task NoSocketFileMeansNotRunning()
    {
        using var directory = new ControlTestDirectory();

        var reply = await new ControlClient(directory.SocketPath).SendAsync(ControlRequest.Status);

        Assert.Equal(ControlOutcome.NotRunning, reply.Outcome);
    }

    [Fact]
    public async Task ASocketFileNobodyListensOnMeansNotRunning()
    {
        using var directory = new ControlTestDirectory();
        directory.MakeStaleSocket();

        var reply = await new ControlClient(directory.SocketPath).SendAsync(ControlRequest.Status);

        Assert.Equal(ControlOutcome.NotRunning, reply.Outcome);
    }

    [Fact]
    public async Task AServerThatNeverAnswersIsAFailureAfterTheResponseTimeout()
    {
        using var directory = new ControlTestDirectory();
        using var silent = Listen(directory.SocketPath);
        var options = new ControlClientOptions { ResponseTimeout = TimeSpan.FromMilliseconds(300) };

        var reply = await new ControlClient(directory.SocketPath, options).SendAsync(ControlRequest.Status);

        Assert.Equal(ControlOutcome.Failed, reply.Outcome);
        Assert.Contains("did not answer", reply.Error);
    }

    [Theory]
    [InlineData("queue: 1 message\nhello\n", "does not end in \"ok\" or \"error\"")]
    [InlineData("ok", "without an answer")]
    [InlineData("", "without an answer")]
    public async Task AReplyWithoutAProperFinalLineIsAFailure(string answer, string expected)
    {
        using var directory = new ControlTestDirectory();
        using var listener = Listen(directory.SocketPath);
        var answering = Task.Run(async () =>
        {
            using var connection = await listener.AcceptAsync();
            byte[] request = new byte[64];
            await connection.ReceiveAsync(request, SocketFlags.None);
            await connection.SendAsync(System.Text.Encoding.UTF8.GetBytes(answer), SocketFlags.None);
        });

        var reply = await new ControlClient(directory.SocketPath).SendAsync(ControlRequest.Status);
        await answering;

        Assert.Equal(ControlOutcome.Failed, reply.Outcome);
        Assert.Contains(expected, reply.Error);
    }

    [Fact]
    public async Task AReplyLargerThanTheLimitIsAFailure()
    {
        using var directory = new ControlTestDirectory();
        using var listener = Listen(directory.SocketPath);
        var answering = Task.Run(async () =>
        {
            using var connection = await listener.AcceptAsync();
            await connection.SendAsync(new byte[2048], SocketFlags.None);
        });
        var options = new ControlClientOptions { MaxResponseBytes = 1024 };

        var reply = await new ControlClient(directory.SocketPath, options).SendAsync(ControlRequest.Status);
        await answering;

        Assert.Equal(ControlOutcome.Failed, reply.Outcome);
        Assert.Contains("longer than 1024 bytes", reply.Error);
    }

    private static Socket Listen(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        socket.Listen(4);
        return socket;
    }
}
