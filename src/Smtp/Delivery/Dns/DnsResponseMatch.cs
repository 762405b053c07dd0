using System.Diagnostics.CodeAnalysis;

namespace Relaybox.Smtp.Delivery.Dns;

/// <summary>
/// Accepts a datagram as the answer to a query only when it decodes, is a response, carries the query's id and
/// repeats its question (RFC 5452 9.1: id, question name, type and class; the name compared case-insensitively).
/// </summary>
internal static class DnsResponseMatch
{
    public static bool TryMatch(DnsMessage query, ReadOnlySpan<byte> wire, [NotNullWhen(true)] out DnsMessage? response)
    {
        response = null;
        if (DnsMessage.TryDecode(wire, out var decoded) != DnsDecodeError.None || decoded is null)
        {
            return false;
        }

        if (!decoded.Header.IsResponse || decoded.Header.Id != query.Header.Id
            || decoded.Questions.Count != 1 || !decoded.Questions[0].Matches(query.Questions[0]))
        {
            return false;
        }

        response = decoded;
        return true;
    }
}
