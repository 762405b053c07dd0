using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Relaybox.Smtp.Tests.Delivery.Client;

/// <summary>
/// Postfix's smtp-sink on a free 127.0.0.1 port: a real server with PIPELINING and DSN that dumps each
/// message, with its MAIL and RCPT arguments as X-Mail-Args/X-Rcpt-Args headers, to a file.
/// </summary>
internal sealed class SmtpSinkUpstream : IDisposable
{
    private readonly Process _process;

    private SmtpSinkUpstream(Process process, int port, string dumpFile)
    {
        _process = process;
        Port = port;
        DumpFile = dumpFile;
    }

    public int Port { get; }

    public string DumpFile { get; }

    public static async Task<SmtpSinkUpstream> StartAsync(string directory)
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        string dumpFile = Path.Combine(directory, "sink.dump");
        var start = new ProcessStartInfo("/usr/sbin/smtp-sink") { UseShellExecute = false, RedirectStandardError = true };
        if (Environment.UserName == "root")
        {
            // smtp-sink refuses to run as root without dropping to another user, who must be able to write the dump.
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add("nobody");
            File.SetUnixFileMode(directory, (UnixFileMode)0b111_111_111);
        }

        foreach (string argument in (string[])["-c", "-D", dumpFile, $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", "10"])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("smtp-sink did not start");
        for (int i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return new SmtpSinkUpstream(process, port, dumpFile);
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        process.Kill();
        throw new InvalidOperationException("smtp-sink did not listen: " + await process.StandardError.ReadToEndAsync());
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
}
