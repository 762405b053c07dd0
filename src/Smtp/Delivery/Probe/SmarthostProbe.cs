using System.Net.Sockets;
using Relaybox.Smtp.Delivery.Client;
using Relaybox.Smtp.Delivery.Dns;
using Relaybox.Smtp.Delivery.Routing;

namespace Relaybox.Smtp.Delivery.Probe;

/// <summary>
/// The live smarthost connection test of the first-boot setup and of <c>relaybox relayhost test</c>: DNS, TCP (each
/// address in turn), greeting, EHLO, TLS with delivery's own verification, AUTH with the strongest common mechanism,
/// QUIT. It stops at the first failure and says which step failed and what to do. No mail is sent. Never throws for
/// anything the network or the server does; only the caller's cancellation escapes.
/// </summary>
public sealed class SmarthostProbe(TimeProvider time)
{
    public async Task<ProbeReport> RunAsync(ProbeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var steps = new List<string>();
        using var deadline = new CancellationTokenSource(request.TotalTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        ProbeReport report;
        try
        {
            report = await WalkAsync(request, steps, linked.Token, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The session catches its own; what is left is a lookup that outlasted the whole test.
            report = new ProbeReport
            {
                FailedStage = ProbeStage.Dns,
                Summary = $"no name server answered for {request.Relayhost.Host} within {ProbeVerdicts.Seconds(request.TotalTimeout)}",
                Advice = "check the network cable and the router; the name servers are [relay] dns_servers, or those of /etc/resolv.conf",
            };
        }

        return report with { Steps = steps };
    }

    private async Task<ProbeReport> WalkAsync(ProbeRequest request, List<string> steps, CancellationToken token, CancellationToken callerToken)
    {
        Relayhost relay = request.Relayhost;
        var resolver = new MxResolver(new DnsClient(request.NameServers ?? ResolvConf.Load(), time));
        var (targets, lookupStep, lookupFailure) = await ProbeLookup.ResolveAsync(relay, resolver, token).ConfigureAwait(false);
        if (lookupFailure is not null)
        {
            return lookupFailure;
        }

        steps.Add(lookupStep);
        SmtpUpstream template = Upstream(request);
        var refused = new List<(ProbeTarget Target, SocketError Error)>();
        foreach (ProbeTarget target in targets)
        {
            var progress = new SessionProgress();
            SmtpUpstream upstream = template with { Host = target.Name, Address = target.Address };
            SmtpClientSession session;
            try
            {
                session = await SmtpClientSession.OpenAsync(upstream, time, null, token, progress).ConfigureAwait(false);
            }
            catch (DeliveryAbortedException e) when (e.Failure == DeliveryFailure.ConnectFailed)
            {
                // RFC 5321 section 5.1: on to the next address; the first failure explains them all if none connects.
                refused.Add((target, e.ConnectError));
                continue;
            }
            catch (Exception e) when (IsSessionFailure(e, callerToken))
            {
                steps.AddRange(ProbeSteps.Reached(progress, upstream));
                return ProbeVerdicts.SessionFailed(e, progress, upstream, request.StageTimeout, time.GetUtcNow());
            }

            steps.AddRange(ProbeSteps.Reached(progress, upstream));
            await session.QuitAsync(request.StageTimeout, callerToken).ConfigureAwait(false); // its own bound: the test has passed
            await session.DisposeAsync().ConfigureAwait(false);
            steps.Add("QUIT: done, no mail was sent");
            return new ProbeReport
            {
                Summary = $"the smarthost {relay.DisplayName} works with these settings",
                Certificate = progress.PeerCertificate is { } der ? ProbeCertificate.FromDer(der) : null,
            };
        }

        return ProbeVerdicts.ConnectFailed(refused, relay.Port, request.StageTimeout);
    }

    /// <summary>
    /// The session delivery would open (the same <see cref="TlsPolicy"/>, with the relayhost's name as the certificate
    /// name at secure, as the router sets it), with every step bounded by the test's stage timeout.
    /// </summary>
    private static SmtpUpstream Upstream(ProbeRequest request)
    {
        Relayhost relay = request.Relayhost;
        TimeSpan stage = request.StageTimeout;
        return new SmtpUpstream(relay.Host, relay.Port)
        {
            HeloName = request.HeloName,
            Tls = relay.Tls.Level == TlsSecurityLevel.Secure && relay.Tls.ExpectedName is null ? relay.Tls with { ExpectedName = relay.Host } : relay.Tls,
            Credentials = relay.Credentials,
            Timeouts = new ClientTimeouts { Connect = stage, Greeting = stage, Command = stage, TlsHandshake = stage },
        };
    }

    private static bool IsSessionFailure(Exception e, CancellationToken callerToken) =>
        e is DeliveryAbortedException or TimeoutException or IOException or SocketException or UpstreamProtocolException
        || (e is OperationCanceledException && !callerToken.IsCancellationRequested);
}
