using System.Net;
using System.Security.Cryptography;

namespace Relaybox.Smtp.Delivery.Dns;

/// <summary>
/// A stub resolver: sends one recursive query to the configured servers in turn over UDP, repeats over TCP
/// when the answer is truncated (RFC 1035 4.2.2), and gives each server <see cref="DnsClientOptions.Timeout"/>
/// per try for <see cref="DnsClientOptions.Attempts"/> rounds, as glibc does. Never throws for network or
/// server trouble: that is a <see cref="DnsQueryResult"/>; only the caller's cancellation throws.
/// </summary>
public sealed class DnsClient(DnsClientOptions options, TimeProvider timeProvider)
{
    public DnsClient(DnsClientOptions options)
        : this(options, TimeProvider.System)
    {
    }

    public DnsClientOptions Options { get; } = options;

    public async Task<DnsQueryResult> QueryAsync(string name, DnsRecordType type, CancellationToken cancellation = default)
    {
        var nameError = DnsName.Validate(name);
        if (nameError != DnsNameError.None)
        {
            return new DnsQueryResult(DnsQueryStatus.InvalidName, null, $"cannot query '{name}': {nameError}");
        }

        var failure = DnsQueryStatus.Timeout;
        string detail = "no name server configured";
        for (int attempt = 0; attempt < Math.Clamp(Options.Attempts, 1, DnsClientOptions.MaxAttempts); attempt++)
        {
            foreach (var server in Options.Servers.Take(DnsClientOptions.MaxServers))
            {
                var outcome = await TryServerAsync(server, name, type, cancellation).ConfigureAwait(false);
                if (outcome.Response is { } response)
                {
                    switch (response.Header.ResponseCode)
                    {
                        case DnsResponseCode.NoError:
                            return new DnsQueryResult(DnsQueryStatus.Answer, response, $"answered by {server}");
                        case DnsResponseCode.NameError:
                            return new DnsQueryResult(DnsQueryStatus.NameError, response, $"{server}: no such name");
                        default:
                            // SERVFAIL, REFUSED, NOTIMP, FORMERR: this server cannot help; another might (RFC 1035 7.2).
                            outcome = DnsExchangeOutcome.Failed($"{server} answered {response.Header.ResponseCode}");
                            break;
                    }
                }

                // A server that said something is a better explanation than one that said nothing.
                if (outcome.Failure == DnsQueryStatus.ServerFailure || failure == DnsQueryStatus.Timeout)
                {
                    failure = outcome.Failure;
                    detail = outcome.Detail;
                }
            }
        }

        return new DnsQueryResult(failure, null, $"{name} {type}: {detail}");
    }

    private async Task<DnsExchangeOutcome> TryServerAsync(IPEndPoint server, string name, DnsRecordType type,
        CancellationToken cancellation)
    {
        using var deadline = new CancellationTokenSource(Options.Timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellation, deadline.Token);
        try
        {
            var outcome = await DnsUdpExchange.RunAsync(server, NewQuery(name, type), linked.Token).ConfigureAwait(false);
            if (outcome.Response is { Header.Truncated: true })
            {
                // The UDP answer is cut at 512 octets; the whole one comes over TCP, within the same time budget.
                outcome = await DnsTcpExchange.RunAsync(server, NewQuery(name, type), linked.Token).ConfigureAwait(false);
            }

            return outcome;
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return DnsExchangeOutcome.TimedOut($"{server} did not answer within {Options.Timeout.TotalSeconds:0.#} s");
        }
    }

    /// <summary>A fresh random id for every query (RFC 5452 4.3): a predictable id invites forged answers.</summary>
    private static DnsMessage NewQuery(string name, DnsRecordType type) =>
        DnsMessage.Query((ushort)RandomNumberGenerator.GetInt32(ushort.MaxValue + 1), name, type);
}
