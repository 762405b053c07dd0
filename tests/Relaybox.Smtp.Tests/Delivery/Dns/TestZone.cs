using Relaybox.Smtp.Delivery.Dns;

namespace Relaybox.Smtp.Tests.Delivery.Dns;

/// <summary>
/// Records a scripted server answers from, like an authoritative server that does not chase CNAMEs: a query
/// gets the records of its name and type, or the name's CNAME; a name with no records at all is NXDOMAIN.
/// </summary>
internal sealed class TestZone(params DnsRecord[] records)
{
    /// <summary>Names whose every query is answered SERVFAIL.</summary>
    public HashSet<string> Failing { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Names that exist without records of any type asked for (NOERROR with an empty answer).</summary>
    public HashSet<string> WithoutRecords { get; } = new(StringComparer.OrdinalIgnoreCase);

    public DnsMessage Answer(DnsMessage query)
    {
        var question = query.Questions[0];
        if (Failing.Contains(question.Name))
        {
            return Reply(query, DnsResponseCode.ServerFailure, []);
        }

        var owned = records.Where(r => DnsName.EqualNames(r.Name, question.Name)).ToList();
        if (owned.Count == 0 && !WithoutRecords.Contains(question.Name))
        {
            return Reply(query, DnsResponseCode.NameError, []);
        }

        var answers = owned.Where(r => r.Type == question.Type).ToList();
        if (answers.Count == 0)
        {
            answers = owned.Where(r => r.Type == DnsRecordType.Cname).ToList();
        }

        return Reply(query, DnsResponseCode.NoError, answers);
    }

    public static DnsMessage Reply(DnsMessage query, DnsResponseCode code, IReadOnlyList<DnsRecord> answers,
        bool truncated = false, ushort? id = null) =>
        new(
            new DnsHeader(id ?? query.Header.Id, true, 0, true, truncated, true, true, code),
            query.Questions,
            answers,
            [],
            []);
}
