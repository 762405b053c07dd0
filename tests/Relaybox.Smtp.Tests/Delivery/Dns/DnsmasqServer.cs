using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Relaybox.Smtp.Delivery.Dns;

namespace Relaybox.Smtp.Tests.Delivery.Dns;

/// <summary>
/// A real dnsmasq (Debian package dnsmasq-base) on a free loopback port, serving only the records given on its
/// command line: no upstream, no hosts file, no configuration file, so no query ever leaves the machine.
/// Names under ".test" that it has no record for are answered NXDOMAIN (--local=/test/). Killed on dispose.
/// </summary>
internal sealed class DnsmasqServer : IDisposable
{
    public const string Binary = "/usr/sbin/dnsmasq";

    private readonly Process _process;

    private DnsmasqServer(Process process, IPEndPoint endPoint)
    {
        _process = process;
        EndPoint = endPoint;
    }

    public IPEndPoint EndPoint { get; }

    public DnsClientOptions Options(TimeSpan? timeout = null) =>
        new([EndPoint]) { Timeout = timeout ?? TimeSpan.FromSeconds(2), Attempts = 1 };

    public static async Task<DnsmasqServer> StartAsync(params string[] records)
    {
        Assert.True(File.Exists(Binary), $"{Binary} is missing: install the Debian package dnsmasq-base");
        int port = FreeUdpAndTcpPort();
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "--no-daemon", $"--port={port}", "--listen-address=127.0.0.1", "--bind-interfaces",
                     "--no-resolv", "--no-hosts", "--conf-file=/dev/null", "--local=/test/", "--user=root",
                     "--pid-file=",
                 }.Concat(records))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dnsmasq did not start");
        process.ErrorDataReceived += (_, _) => { };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var server = new DnsmasqServer(process, new IPEndPoint(IPAddress.Loopback, port));
        await server.WaitUntilAnsweringAsync();
        return server;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }

    private async Task WaitUntilAnsweringAsync()
    {
        var client = new DnsClient(new DnsClientOptions([EndPoint]) { Timeout = TimeSpan.FromMilliseconds(200), Attempts = 1 });
        for (int i = 0; i < 50; i++)
        {
            Assert.False(_process.HasExited, $"dnsmasq exited with code {(_process.HasExited ? _process.ExitCode : 0)}");
            var probe = await client.QueryAsync("probe.test", DnsRecordType.A);
            if (probe.Status is DnsQueryStatus.Answer or DnsQueryStatus.NameError)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("dnsmasq did not answer within 10 s");
    }

    /// <summary>A port free for both UDP and TCP right now (dnsmasq listens on both).</summary>
    private static int FreeUdpAndTcpPort()
    {
        for (int i = 0; i < 20; i++)
        {
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            int port = ((IPEndPoint)udp.LocalEndPoint!).Port;
            try
            {
                using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                tcp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
                // taken for TCP: try another
            }
        }

        throw new InvalidOperationException("no free port");
    }
}
