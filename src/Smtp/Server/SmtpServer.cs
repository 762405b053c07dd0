using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Relaybox.Smtp.Protocol;
using Relaybox.Smtp.Queue;
using Serilog;

namespace Relaybox.Smtp.Server;

/// <summary>
/// The SMTP listeners: one accept loop per configured address, one <see cref="SmtpSession"/> per connection.
/// Settings can be swapped at run time (<see cref="UpdateSettings"/>); sessions pick up the new object at their
/// next command.
/// </summary>
public sealed class SmtpServer : IAsyncDisposable
{
    private readonly IReadOnlyList<SmtpListenerOptions> _listeners;
    private readonly IMessageSpool _spool;
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private readonly SessionLimiter _limiter = new();
    private readonly ConcurrentDictionary<SmtpConnection, Task> _sessions = new();
    private readonly List<(Socket Socket, Task Loop)> _accepting = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly Func<SettingsSnapshot> _currentSnapshot;
    private volatile SettingsSnapshot _snapshot;

    public SmtpServer(IEnumerable<SmtpListenerOptions> listeners, SmtpServerSettings settings, IMessageSpool spool, ILogger log, TimeProvider? time = null)
    {
        SettingsValidator.Check(settings);
        _listeners = listeners.ToArray();
        _snapshot = new SettingsSnapshot(settings);
        _spool = spool;
        _log = log;
        _time = time ?? TimeProvider.System;
        _currentSnapshot = () => _snapshot;
    }

    public SmtpServerSettings Settings => _snapshot.Settings;

    /// <summary>The addresses actually bound (port 0 in the options becomes the port the system chose).</summary>
    public IReadOnlyList<(IPEndPoint EndPoint, SmtpSessionKind Kind)> BoundEndPoints { get; private set; } = [];

    /// <summary>Open sessions right now.</summary>
    public int SessionCount => _limiter.Total;

    /// <summary>
    /// Installs new settings atomically; open sessions keep running and use them from their next command.
    /// Throws <see cref="ArgumentException"/> (and keeps the old settings) when the new ones are unusable.
    /// </summary>
    public void UpdateSettings(SmtpServerSettings settings)
    {
        SettingsValidator.Check(settings);
        _snapshot = new SettingsSnapshot(settings);
    }

    /// <summary>
    /// Pending connections the kernel queues per listener (capped by net.core.somaxconn): a burst of devices
    /// reporting at the same minute must not see SYNs dropped and retried a second later. Kestrel uses 512.
    /// </summary>
    private const int ListenBacklog = 512;

    /// <summary>
    /// "*:port" arrives as the IPv6 wildcard: one dual-stack socket then serves IPv4 and IPv6 clients (IPv4
    /// ones appear as IPv4-mapped addresses, which the relay policy understands). A host without IPv6 gets
    /// the IPv4 wildcard instead. A specific IPv6 address stays IPv6-only.
    /// </summary>
    private static (Socket Socket, IPEndPoint EndPoint) CreateListenSocket(IPEndPoint endPoint)
    {
        if (endPoint.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return (new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp), endPoint);
        }

        bool wildcard = endPoint.Address.Equals(IPAddress.IPv6Any);
        try
        {
            var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = wildcard };
            return (socket, endPoint);
        }
        catch (SocketException) when (wildcard)
        {
            return (new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp), new IPEndPoint(IPAddress.Any, endPoint.Port));
        }
    }

    /// <summary>Binds every listener and starts accepting. Fails (and binds nothing) if any address is unavailable.</summary>
    public Task StartAsync()
    {
        var bound = new List<(IPEndPoint, SmtpSessionKind)>();
        try
        {
            foreach (var listener in _listeners)
            {
                var (socket, endPoint) = CreateListenSocket(listener.EndPoint);
                _accepting.Add((socket, Task.CompletedTask));

                // No ReuseAddress: on Linux .NET maps it to SO_REUSEPORT too, which would let a second
                // instance bind the same port. The runtime already sets SO_REUSEADDR for TIME_WAIT restarts.
                socket.Bind(endPoint);
                socket.Listen(ListenBacklog);
                bound.Add(((IPEndPoint)socket.LocalEndPoint!, listener.Kind));
            }
        }
        catch
        {
            foreach (var (socket, _) in _accepting)
            {
                socket.Dispose();
            }

            _accepting.Clear();
            throw;
        }

        for (int i = 0; i < _accepting.Count; i++)
        {
            var socket = _accepting[i].Socket;
            _accepting[i] = (socket, AcceptLoopAsync(socket, _listeners[i].Kind));
            _log.Information("Listening on {EndPoint} ({Listener})", bound[i].Item1.ToString(), _listeners[i].Kind.ToString());
        }

        BoundEndPoints = bound;
        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops accepting, tells idle sessions 421 4.3.2, lets sessions that are receiving a message finish within
    /// <paramref name="drain"/>, then aborts whatever is left.
    /// </summary>
    public async Task StopAsync(TimeSpan drain)
    {
        await _stopping.CancelAsync();
        foreach (var (socket, _) in _accepting)
        {
            socket.Dispose();
        }

        await Task.WhenAll(_accepting.Select(a => a.Loop));
        _accepting.Clear();
        foreach (var connection in _sessions.Keys)
        {
            connection.RequestShutdown();
        }

        var remaining = _sessions.Values.ToArray();
        try
        {
            await Task.WhenAll(remaining).WaitAsync(drain, _time);
        }
        catch (TimeoutException)
        {
            _log.Warning("Aborting {Sessions} sessions still open after the drain time", _sessions.Count);
            foreach (var connection in _sessions.Keys)
            {
                connection.Abort();
            }

            await Task.WhenAll(_sessions.Values.ToArray());
        }
    }

    /// <summary>
    /// Runs one session over an already accepted connection: the accept loop's work, also usable for a socket
    /// handed over by the service manager and by tests over an in-memory stream.
    /// </summary>
    public async Task HandleConnectionAsync(Stream stream, IPAddress remoteAddress, SmtpSessionKind kind)
    {
        if (remoteAddress.IsIPv4MappedToIPv6)
        {
            remoteAddress = remoteAddress.MapToIPv4();
        }

        var limits = _snapshot.Settings.Limits;
        if (!_limiter.TryEnter(remoteAddress, limits.MaxSessions, limits.MaxSessionsPerAddress))
        {
            await RefuseAsync(stream, remoteAddress, kind);
            return;
        }

        try
        {
            _log.Information("Connect from {ClientAddress} on {Listener}", remoteAddress.ToString(), kind.ToString());
            await using var connection = new SmtpConnection(stream, remoteAddress, _time);
            var session = new SmtpSession(connection, kind, _currentSnapshot, _spool, _log);
            var run = session.RunAsync();
            _sessions[connection] = run;
            if (_stopping.IsCancellationRequested)
            {
                connection.RequestShutdown();
            }

            try
            {
                await run;
            }
            finally
            {
                _sessions.TryRemove(connection, out _);
            }
        }
        finally
        {
            _limiter.Exit(remoteAddress);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await StopAsync(TimeSpan.Zero);
        }

        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync(Socket listener, SmtpSessionKind kind)
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException || (ex is SocketException && _stopping.IsCancellationRequested))
            {
                return;
            }
            catch (SocketException ex)
            {
                // Out of descriptors and the like: keep the listener, try again shortly.
                _log.Warning("Accept failed: {Error}", ex.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(100), _time);
                continue;
            }

            IPAddress remote;
            try
            {
                client.NoDelay = true;
                remote = ((IPEndPoint)client.RemoteEndPoint!).Address;
            }
            catch (SocketException)
            {
                client.Dispose(); // reset by the peer between accept and here
                continue;
            }

            _ = RunAcceptedAsync(new NetworkStream(client, ownsSocket: true), remote, kind);
        }
    }

    private async Task RunAcceptedAsync(Stream stream, IPAddress remote, SmtpSessionKind kind)
    {
        try
        {
            await HandleConnectionAsync(stream, remote, kind);
        }
        catch (Exception ex)
        {
            // A session must never take the server down; this is a bug, so it is logged as an error.
            _log.Error(ex, "Session from {ClientAddress} failed", remote.ToString());
        }
    }

    private async Task RefuseAsync(Stream stream, IPAddress remoteAddress, SmtpSessionKind kind)
    {
        _log.Warning("Refused {ClientAddress}: too many connections", remoteAddress.ToString());
        await using (stream)
        {
            // An implicit-TLS client cannot read a plain-text 421; it just sees the connection close.
            if (kind != SmtpSessionKind.Smtps)
            {
                try
                {
                    await stream.WriteAsync(Replies.TooManyConnections.Bytes);
                    await stream.FlushAsync();
                }
                catch (IOException)
                {
                    // The client is already gone.
                }
            }
        }
    }
}
