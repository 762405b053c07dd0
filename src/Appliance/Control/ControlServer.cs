using System.Net.Sockets;
using Relaybox.Smtp.Delivery.Manager;
using Serilog;

namespace Relaybox.Appliance.Control;

/// <summary>
/// The daemon's end of "relaybox queue ..." and "relaybox status": a Unix stream socket (mode 0600) at
/// <c>&lt;data_dir&gt;/control</c>. Changes go to the queue manager (<see cref="IQueueControl"/>), which carries
/// them out between delivery attempts, so a command never races a delivery in progress. One request per
/// connection; the protocol and limits are in README.md and <see cref="ControlServerOptions"/>.
/// </summary>
public sealed class ControlServer : IAsyncDisposable
{
    /// <summary>Pending connections the kernel keeps before accept; more than the clients served at once, so a burst waits rather than fails.</summary>
    private const int Backlog = 16;

    /// <summary>How long stop waits for requests in progress, which are cancelled; a queue manager ignoring the cancellation cannot hold up shutdown.</summary>
    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(5);

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static readonly byte[] BusyReply = "error busy: too many control clients, try again\n"u8.ToArray();

    private readonly IQueueControl queue;
    private readonly IDaemonControl daemon;
    private readonly ILogger log;
    private readonly ControlServerOptions options;
    private readonly TimeProvider time;
    private readonly CancellationTokenSource stopping = new();
    private readonly HashSet<Task> sessions = [];

    // Clients counted against MaxClients: a session leaves the count as it starts writing its reply, so a
    // client that reads the answer and connects again at once never meets its own finished session.
    private int answering;
    private Socket? listener;
    private Task? acceptLoop;
    private int stopped;
    private bool drained;

    /// <summary>A server that answers the queue requests and "status"; reload, log, test-mail and button are refused.</summary>
    public ControlServer(string socketPath, IQueueControl queue, StatusSource status, ILogger log,
        ControlServerOptions? options = null, TimeProvider? time = null)
        : this(socketPath, queue, new StatusOnlyControl(status), log, options, time)
    {
    }

    public ControlServer(string socketPath, IQueueControl queue, IDaemonControl daemon, ILogger log,
        ControlServerOptions? options = null, TimeProvider? time = null)
    {
        SocketPath = Path.GetFullPath(socketPath);
        this.queue = queue;
        this.daemon = daemon;
        this.log = log;
        this.options = options ?? new ControlServerOptions();
        this.options.Validate();
        this.time = time ?? TimeProvider.System;
    }

    public string SocketPath { get; }

    /// <summary>
    /// Creates the socket and starts answering. Throws <see cref="IOException"/> when another process answers
    /// on the socket already (a second daemon on the same data directory) or the socket cannot be made.
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref stopped) != 0, this);
        if (listener is not null)
        {
            throw new InvalidOperationException("the control server is already started");
        }

        cancellationToken.ThrowIfCancellationRequested();
        RemoveStaleSocket();
        listener = Listen();
        acceptLoop = Task.Run(() => AcceptLoopAsync(listener));
        log.Information("control socket {ControlSocket} ready", SocketPath);
        return Task.CompletedTask;
    }

    /// <summary>Stops accepting, cancels requests in progress (their clients see the connection close), removes the socket file.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref stopped, 1) != 0)
        {
            return;
        }

        await stopping.CancelAsync();
        listener?.Dispose();
        if (acceptLoop is not null)
        {
            await acceptLoop;
        }

        Task[] running;
        lock (sessions)
        {
            running = [.. sessions];
        }

        try
        {
            await Task.WhenAll(running).WaitAsync(StopWait, time);
            drained = true;
        }
        catch (TimeoutException)
        {
            log.Warning("control socket: {Requests} requests still running at stop; not waiting for them", running.Count(t => !t.IsCompleted));
        }

        if (listener is not null)
        {
            TryDelete(SocketPath);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (drained)
        {
            stopping.Dispose(); // requests left running at stop still hold its token: only then is it kept
        }
    }

    /// <summary>
    /// A socket file left by a daemon that did not stop cleanly (power cut, SIGKILL) refuses connections; it
    /// is removed. One that answers belongs to a running daemon, which must not be cut off.
    /// </summary>
    private void RemoveStaleSocket()
    {
        if (!File.Exists(SocketPath))
        {
            return;
        }

        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(SocketPath));
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionRefused or SocketError.AddressNotAvailable)
        {
            log.Information("control socket {ControlSocket} left from an earlier run: replaced", SocketPath);
            File.Delete(SocketPath);
            return;
        }
        catch (SocketException e)
        {
            throw new IOException($"control socket {SocketPath}: {e.Message}", e);
        }

        throw new IOException($"control socket {SocketPath} answers: another relaybox is running with this data directory");
    }

    /// <summary>
    /// bind, chmod 0600, listen, in that order: connect(2) is refused until listen(2), so nobody can reach the
    /// socket while it still has the umask's mode. (The data directory is 0700 as well.)
    /// </summary>
    private Socket Listen()
    {
        UnixDomainSocketEndPoint endPoint;
        try
        {
            endPoint = new UnixDomainSocketEndPoint(SocketPath);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new IOException($"control socket path {SocketPath} is too long for a Unix socket (at most 107 bytes)");
        }

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Bind(endPoint);
            File.SetUnixFileMode(SocketPath, OwnerOnly);
            socket.Listen(Backlog);
            return socket;
        }
        catch (Exception e) when (e is SocketException or IOException or UnauthorizedAccessException)
        {
            socket.Dispose();
            TryDelete(SocketPath);
            throw new IOException($"control socket {SocketPath}: {e.Message}", e);
        }
    }

    private async Task AcceptLoopAsync(Socket server)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await server.AcceptAsync(stopping.Token);
            }
            catch (Exception e) when (stopping.IsCancellationRequested && e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                // EMFILE and the like: wait a little rather than spin, and keep serving.
                log.Warning("control socket: accept failed: {Reason}", e.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(100), time, CancellationToken.None);
                continue;
            }

            Start(client);
        }
    }

    private void Start(Socket client)
    {
        lock (sessions)
        {
            if (answering >= options.MaxClients)
            {
                Refuse(client);
                return;
            }

            answering++;
            int released = 0;
            void ReleaseSlot()
            {
                if (Interlocked.Exchange(ref released, 1) == 0)
                {
                    lock (sessions)
                    {
                        answering--;
                    }
                }
            }

            var session = new ControlSession(client, queue, daemon, options, log, time, ReleaseSlot);
            var task = Task.Run(() => session.RunAsync(stopping.Token));
            sessions.Add(task);
            task.ContinueWith(
                finished =>
                {
                    ReleaseSlot();
                    Forget(finished);
                },
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private void Forget(Task session)
    {
        lock (sessions)
        {
            sessions.Remove(session);
        }
    }

    /// <summary>Answers the client over the limit at once: a fresh socket's send buffer takes the line without blocking.</summary>
    private void Refuse(Socket client)
    {
        log.Warning("control socket: {MaxClients} clients already; one more refused", options.MaxClients);
        try
        {
            client.Blocking = false;
            client.Send(BusyReply);
        }
        catch (SocketException)
        {
            // It will see the connection close instead.
        }
        finally
        {
            client.Dispose();
        }
    }

    private void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.Warning("control socket {ControlSocket} could not be removed: {Reason}", path, e.Message);
        }
    }
}
