namespace Relaybox.Smtp.Delivery.Dns;

/// <summary>The outcome of <see cref="DnsClient.QueryAsync"/>: a status, the response when there is one, and a
/// short text for the log (which server, what went wrong).</summary>
public sealed record DnsQueryResult(DnsQueryStatus Status, DnsMessage? Response, string Detail)
{
    /// <summary>Worth asking again later (RFC 5321 4.5.4.1: a temporary failure of the name service defers).</summary>
    public bool IsTemporary => Status is DnsQueryStatus.ServerFailure or DnsQueryStatus.Timeout;
}
