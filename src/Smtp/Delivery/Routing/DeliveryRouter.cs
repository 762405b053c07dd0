using System.Globalization;
using System.Text;
using Relaybox.Smtp.Delivery.Client;
using Relaybox.Smtp.Delivery.Dns;

namespace Relaybox.Smtp.Delivery.Routing;

/// <summary>
/// The <see cref="IDeliveryRoute"/> of relaybox: every recipient through the relayhost when one is set, otherwise to
/// the MX hosts of its domain (RFC 5321 section 5.1), with the fallback relayhost when port 25 turns out blocked.
/// Safe to call concurrently (the queue manager does): the only state kept between calls is the atomic memory of a
/// blocked port. Never throws except for cancellation.
/// </summary>
public sealed class DeliveryRouter : IDeliveryRoute
{
    private readonly RoutingOptions _options;
    private readonly MxResolver _resolver;
    private readonly HostWalker _walker;
    private readonly BlockedPortMemory _blockedPort;

    /// <summary>
    /// <paramref name="time"/> serves the router's own memory of a blocked port; <paramref name="client"/> carries
    /// its own clock for the session timeouts.
    /// </summary>
    public DeliveryRouter(RoutingOptions options, MxResolver resolver, SmtpDeliveryClient client, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(resolver);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(time);
        _options = options;
        _resolver = resolver;
        _walker = new HostWalker(client, options);
        _blockedPort = new BlockedPortMemory(time, options.BlockedPortMemory);
    }

    public DeliveryRouter(RoutingOptions options, MxResolver resolver, TimeProvider time)
        : this(options, resolver, new SmtpDeliveryClient(time), time)
    {
    }

    public string DestinationOf(string recipientAddress)
    {
        if (_options.Relayhost is { } relay)
        {
            return relay.DisplayName;
        }

        // The domain is what follows the last "@": a quoted local part may hold "@" itself (RFC 5321 section 4.1.2).
        // Domain names compare case-insensitively (RFC 5321 section 2.4); an address literal is kept as written.
        int at = (recipientAddress ?? string.Empty).LastIndexOf('@');
        if (at < 0)
        {
            return string.Empty; // no domain: DeliverAsync fails it without asking the DNS
        }

        string domain = recipientAddress![(at + 1)..].Trim();
        return domain.StartsWith('[') ? domain : AsciiDomain(domain.TrimEnd('.'));
    }

    /// <summary>
    /// The domain as the DNS knows it: lower case, and an internationalised name (RFC 6531 mail) in A-labels
    /// (RFC 5890), so "Bücher.example" and "xn--bcher-kva.example" are one destination. A name that cannot be
    /// converted stays as it is and fails at the lookup.
    /// </summary>
    private static string AsciiDomain(string domain)
    {
        if (!Ascii.IsValid(domain))
        {
            try
            {
                domain = new IdnMapping().GetAscii(domain);
            }
            catch (ArgumentException)
            {
                return domain.ToLowerInvariant();
            }
        }

        return domain.ToLowerInvariant();
    }

    public async Task<RouteAttempt> DeliverAsync(string destination, OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Envelope.Recipients.Count == 0)
        {
            return new RouteAttempt(new DeliveryResult([], DeliveryFailure.None), null, RouteCondition.Unknown);
        }

        try
        {
            return _options.Relayhost is { } relay
                ? await ViaRelayhostAsync(relay, message, cancellationToken).ConfigureAwait(false)
                : await ViaMxAsync(destination ?? string.Empty, message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The contract: nothing but cancellation escapes. Whatever slipped past the client (a content stream
            // that cannot seek back, say) defers the message rather than ending the queue manager's loop.
            string detail = $"4.3.0 delivery attempt failed inside relaybox: {e.GetType().Name}: {e.Message}";
            return new RouteAttempt(UnroutedResult.Everyone(message, RecipientOutcome.Deferred, detail), null, RouteCondition.Unknown, detail);
        }
    }

    private async Task<RouteAttempt> ViaRelayhostAsync(Relayhost relay, OutboundMessage message, CancellationToken cancellationToken)
    {
        IReadOnlyList<MailTarget> targets;
        if (relay.LookUpMx)
        {
            // Postfix "relayhost = host:port": the host's MX hosts, or the host itself when it has none.
            MxResolution mx = await _resolver.ResolveAsync(relay.Host, cancellationToken).ConfigureAwait(false);
            if (mx.Hosts.Count == 0)
            {
                // Never bounce mail for a relayhost setting: it waits until the name resolves or the owner fixes it.
                var (condition, detail) = RouteDiagnosis.ForRelayhostLookup(relay, mx.Detail);
                return new RouteAttempt(UnroutedResult.Everyone(message, RecipientOutcome.Deferred, "4.4.3 " + detail), null, condition, detail);
            }

            targets = Targets(mx);
        }
        else
        {
            targets = [new MailTarget(relay.Host, null)];
        }

        WalkOutcome walk = await _walker.WalkAsync(targets, RelayhostUpstream(relay), message, cancellationToken).ConfigureAwait(false);
        var (routeCondition, routeDetail) = RouteDiagnosis.ForRelayhost(relay, walk);
        return new RouteAttempt(walk.Result, walk.RemoteHost, routeCondition, routeDetail);
    }

    private async Task<RouteAttempt> ViaMxAsync(string domain, OutboundMessage message, CancellationToken cancellationToken)
    {
        if (domain.Length == 0)
        {
            const string noDomain = "5.1.3 the recipient address has no domain to deliver to";
            return new RouteAttempt(UnroutedResult.Everyone(message, RecipientOutcome.Failed, noDomain), null, RouteCondition.Unknown);
        }

        if (!domain.StartsWith('['))
        {
            domain = AsciiDomain(domain); // the caller may pass a destination it made itself
        }

        MxResolution mx = await _resolver.ResolveAsync(domain, cancellationToken).ConfigureAwait(false);
        if (mx.Hosts.Count == 0)
        {
            return Unresolved(domain, mx, message);
        }

        if (_options.FallbackRelay is { } known && _blockedPort.RememberedSince is { } since)
        {
            string seen = $"port {_options.MxPort} found blocked at {since.ToString("HH:mm", CultureInfo.InvariantCulture)} UTC";
            return await ViaFallbackAsync(seen, known, message, cancellationToken).ConfigureAwait(false);
        }

        WalkOutcome walk = await _walker.WalkAsync(Targets(mx), MxUpstream(domain), message, cancellationToken).ConfigureAwait(false);
        var (condition, detail) = RouteDiagnosis.ForMx(domain, _options.MxPort, walk);
        if (walk.AnyReached)
        {
            _blockedPort.Forget();
        }
        else if (condition == RouteCondition.OutboundPortBlocked && _options.FallbackRelay is { } fallback)
        {
            _blockedPort.Remember();
            string blocked = $"port {_options.MxPort} blocked towards every MX of {domain}";
            return await ViaFallbackAsync(blocked, fallback, message, cancellationToken).ConfigureAwait(false);
        }

        return new RouteAttempt(walk.Result, walk.RemoteHost, condition, detail);
    }

    /// <summary>
    /// Postfix smtp_fallback_relay, used here only when port 25 is blocked. The result is the fallback's. The
    /// condition stays <see cref="RouteCondition.OutboundPortBlocked"/>, unless the fallback itself has a problem
    /// the owner must fix (login, certificate, unreachable): that one is reported, with the port 25 story appended.
    /// </summary>
    private async Task<RouteAttempt> ViaFallbackAsync(string blocked, Relayhost fallback, OutboundMessage message, CancellationToken cancellationToken)
    {
        RouteAttempt viaFallback = await ViaRelayhostAsync(fallback, message, cancellationToken).ConfigureAwait(false);
        if (viaFallback.Condition is RouteCondition.SmarthostLoginRefused or RouteCondition.SmarthostCertificateRejected or RouteCondition.SmarthostUnreachable)
        {
            return viaFallback with { ConditionDetail = $"fallback relayhost: {viaFallback.ConditionDetail} ({blocked})" };
        }

        string outcome = viaFallback.Condition == RouteCondition.Healthy
            ? $"delivered through fallback {fallback.DisplayName}"
            : $"fallback {fallback.DisplayName} did not take the mail either: {viaFallback.ConditionDetail}";
        return viaFallback with { Condition = RouteCondition.OutboundPortBlocked, ConditionDetail = $"{blocked}; {outcome}" };
    }

    /// <summary>No host to try: a permanent DNS answer fails every recipient, a temporary one defers them.</summary>
    private static RouteAttempt Unresolved(string domain, MxResolution mx, OutboundMessage message)
    {
        (RecipientOutcome outcome, string detail) = mx.Kind switch
        {
            // RFC 7505 section 4.2: mail to a null MX domain fails at once, with 5.1.10.
            MxResolutionKind.NullMx => (RecipientOutcome.Failed, $"5.1.10 {domain} does not accept mail (null MX, RFC 7505)"),
            MxResolutionKind.NoSuchDomain => (RecipientOutcome.Failed, $"5.1.2 the domain {domain} does not exist ({mx.Detail})"),
            MxResolutionKind.NoMailHost => (RecipientOutcome.Failed, $"5.1.2 the domain {domain} has no mail server ({mx.Detail})"),
            _ => (RecipientOutcome.Deferred, $"4.4.3 DNS lookup for {domain} failed for now: {mx.Detail}"),
        };
        return new RouteAttempt(UnroutedResult.Everyone(message, outcome, detail), null, RouteCondition.Unknown, detail);
    }

    /// <summary>Every address of every host, hosts in the resolver's order (preference, ties shuffled), bounded by the walker.</summary>
    private static List<MailTarget> Targets(MxResolution mx) =>
        mx.Hosts.SelectMany(h => h.Addresses.Select(a => new MailTarget(h.Name, a))).ToList();

    private SmtpUpstream MxUpstream(string domain) =>
        new(domain, _options.MxPort)
        {
            HeloName = _options.HeloName,
            Tls = _options.MxTls,
            Credentials = null, // MX hosts take mail for their own domains without AUTH
            Timeouts = ClientTimeouts(),
        };

    private SmtpUpstream RelayhostUpstream(Relayhost relay) =>
        new(relay.Host, relay.Port)
        {
            HeloName = _options.HeloName,
            // At secure the certificate must name the relayhost, also when its MX hosts are used (Postfix
            // smtp_tls_secure_cert_match = nexthop).
            Tls = relay.Tls.Level == TlsSecurityLevel.Secure && relay.Tls.ExpectedName is null
                ? relay.Tls with { ExpectedName = relay.Host }
                : relay.Tls,
            Credentials = relay.Credentials,
            Timeouts = ClientTimeouts(),
        };

    private ClientTimeouts ClientTimeouts() => _options.Timeouts with { Connect = _options.ConnectTimeout };
}
