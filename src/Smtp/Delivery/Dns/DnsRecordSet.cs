namespace Relaybox.Smtp.Delivery.Dns;

/// <summary>
/// The records of one type found for a name after following CNAMEs (RFC 1034 3.6.2, RFC 2181 10.1), with the
/// status of the last query made.
/// </summary>
internal sealed record DnsRecordSet(DnsQueryStatus Status, string CanonicalName, IReadOnlyList<DnsRecord> Records, string Detail)
{
    /// <summary>At most this many CNAMEs are followed for one lookup: enough for real chains (CDNs use two or
    /// three), and a loop ends as a temporary failure instead of running forever.</summary>
    public const int MaxCnameChain = 8;

    /// <summary>Asks for <paramref name="type"/> records of <paramref name="name"/>. Servers usually put the
    /// whole chain into one answer; when a chain stops at a CNAME, the target is asked for again.</summary>
    public static async Task<DnsRecordSet> QueryAsync(DnsClient client, string name, DnsRecordType type,
        CancellationToken cancellation)
    {
        string current = DnsName.Normalize(name);
        int cnamesFollowed = 0;
        while (true)
        {
            var result = await client.QueryAsync(current, type, cancellation).ConfigureAwait(false);
            if (result.Status != DnsQueryStatus.Answer || result.Response is null)
            {
                return new DnsRecordSet(result.Status, current, [], result.Detail);
            }

            var answers = result.Response.Answers;
            while (true)
            {
                var owner = current;
                var records = answers.Where(r => r.Type == type && DnsName.EqualNames(r.Name, owner)).ToList();
                if (records.Count > 0)
                {
                    return new DnsRecordSet(DnsQueryStatus.Answer, current, records, result.Detail);
                }

                var alias = answers.FirstOrDefault(r => r.Type == DnsRecordType.Cname && DnsName.EqualNames(r.Name, owner));
                if (alias?.Target is not { } target)
                {
                    break;
                }

                if (++cnamesFollowed > MaxCnameChain)
                {
                    return new DnsRecordSet(DnsQueryStatus.ServerFailure, name, [],
                        $"{name}: more than {MaxCnameChain} CNAMEs (a loop?)");
                }

                current = target;
            }

            if (DnsName.EqualNames(current, result.Response.Questions[0].Name))
            {
                // The chain (if any) ends here with no records of this type: the name exists without them.
                return new DnsRecordSet(DnsQueryStatus.Answer, current, [], result.Detail);
            }

            // The answer stopped at a CNAME whose target it did not include: ask for the target itself.
        }
    }
}
