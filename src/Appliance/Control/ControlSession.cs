using System.Net.Sockets;
using System.Text;
using Relaybox.Smtp.Delivery.Manager;
using Serilog;

namespace Relaybox.Appliance.Control;

/// <summary>
/// One control connection: read one request line, carry it out through the queue manager (or ask the daemon), write the response lines and a final "ok" or "error TEXT", close. Nothing a client sends can
/// throw out of <see cref="RunAsync"/>: every failure ends as an error line, a log line, or both.
/// <paramref name="answered"/> is called once the answer is ready, before it is written.
/// </summary>
internal sealed class ControlSession(
    Socket client, IQueueControl queue, IDaemonControl daemon, ControlServerOptions options, ILogger log, TimeProvider time,
    Action answered)
{
    public async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            var response = await AnswerAsync(stopping);
            answered();
            await WriteAsync(response, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The daemon is stopping: the client sees the connection close without an answer.
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            log.Warning("control: client dropped: {Reason}", e.Message);
        }
        catch (Exception e)
        {
            // The boundary between one client and the daemon: whatever went wrong ends this connection only.
            log.Error("control: connection ended by an unexpected failure: {Reason}", e.Message);
        }
        finally
        {
            client.Dispose();
        }
    }

    private async Task<List<string>> AnswerAsync(CancellationToken stopping)
    {
        var (line, readError) = await ControlLineReader.ReadAsync(client, options.MaxRequestLength, options.ReadTimeout, time, stopping);
        if (line is null)
        {
            log.Warning("control: request refused: {Reason}", ControlRequest.Describe(readError));
            return [Error(ControlRequest.Describe(readError))];
        }

        if (!ControlRequest.TryParse(line, out var request, out var parseError))
        {
            log.Warning("control: request refused: {Reason}", ControlRequest.Describe(parseError));
            return [Error(ControlRequest.Describe(parseError))];
        }

        try
        {
            return request!.Verb switch
            {
                ControlVerb.Status => Bounded(await daemon.StatusAsync(stopping), options.MaxStatusLines),
                ControlVerb.Reload => await ReloadAsync(stopping),
                ControlVerb.Log => Bounded(daemon.RecentLog(request.LogLines), request.LogLines),
                ControlVerb.TestMail => await TestMailAsync(request.Target!, stopping),
                ControlVerb.Button => [daemon.ButtonPresses is { } presses ? ControlResponse.PressesLine(presses) : ControlResponse.NoButton, ControlResponse.Ok],
                _ => await ChangeAsync(request, stopping),
            };
        }
        catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            // The queue manager failing (a full disk, a bug) is the daemon's problem to log, not the client's to crash.
            log.Error("control: {Request} failed: {Reason}", request!.ToString(), e.Message);
            return [Error($"{request} failed: {e.Message}")];
        }
    }

    private async Task<List<string>> ChangeAsync(ControlRequest request, CancellationToken stopping)
    {
        var result = request.Verb switch
        {
            ControlVerb.Flush => await queue.FlushAsync(stopping),
            ControlVerb.Hold => await queue.HoldAsync(request.Target!, stopping),
            ControlVerb.Release => await queue.ReleaseAsync(request.Target!, stopping),
            _ => await queue.DeleteAsync(request.Target!, stopping),
        };

        if (result.Succeeded)
        {
            log.Information("control: {Request}: {Changed} messages changed", request.ToString(), result.Changed.Count);
        }
        else
        {
            log.Warning("control: {Request}: {Changed} messages changed, then {Problem}", request.ToString(), result.Changed.Count, result.Error);
        }

        var lines = new List<string> { ControlResponse.ChangedLine(result.Changed.Count) };
        lines.AddRange(result.Changed.Take(options.MaxListedIds));
        lines.Add(result.Error is { } problem ? Error(problem) : ControlResponse.Ok);
        return lines;
    }

    /// <summary>At most <paramref name="limit"/> lines, then "... N more" when there were more, then "ok".</summary>
    private static List<string> Bounded(IReadOnlyList<string> report, int limit)
    {
        var lines = report.Take(limit).ToList();
        if (report.Count > limit)
        {
            lines.Add($"... {report.Count - limit} more");
        }

        lines.Add(ControlResponse.Ok);
        return lines;
    }

    private async Task<List<string>> ReloadAsync(CancellationToken stopping)
    {
        string? problem = await daemon.ReloadAsync(stopping);
        log.Information("control: reload: {Outcome}", problem ?? "applied");
        return [problem is null ? ControlResponse.Ok : Error(problem)];
    }

    private async Task<List<string>> TestMailAsync(string address, CancellationToken stopping)
    {
        var result = await daemon.QueueTestMailAsync(address, stopping);
        return result.QueueId is { } id ? [ControlResponse.QueuedPrefix + id, ControlResponse.Ok] : [Error(result.Problem ?? "not queued")];
    }

    private async Task WriteAsync(List<string> lines, CancellationToken stopping)
    {
        var text = new StringBuilder();
        foreach (string line in lines)
        {
            text.Append(ControlResponse.OneLine(line, options.MaxLineLength)).Append('\n');
        }

        using var deadline = new CancellationTokenSource(options.WriteTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, stopping);
        await client.SendAsync(Encoding.UTF8.GetBytes(text.ToString()), SocketFlags.None, linked.Token);
    }

    private static string Error(string text) => ControlResponse.ErrorPrefix + text;
}
