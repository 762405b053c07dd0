namespace Relaybox.Smtp.Delivery.Dns;

/// <summary>What one try against one server produced: a matched response, or why there is none.</summary>
internal readonly record struct DnsExchangeOutcome(DnsMessage? Response, DnsQueryStatus Failure, string Detail)
{
    public static DnsExchangeOutcome Answered(DnsMessage response) => new(response, DnsQueryStatus.Answer, "");

    public static DnsExchangeOutcome TimedOut(string detail) => new(null, DnsQueryStatus.Timeout, detail);

    public static DnsExchangeOutcome Failed(string detail) => new(null, DnsQueryStatus.ServerFailure, detail);
}
