using System.Net;
using System.Text;
using Relaybox.Smtp.Delivery.Rewriting;
using Relaybox.Smtp.Protocol;

namespace Relaybox.Appliance.Configuration.Values;

/// <summary>
/// [rewrite] sender_map: pairs "from=to" separated by commas or spaces (spaces around "=" are allowed). "from" is
/// what <see cref="SenderRewriteMap"/> looks up: an exact address ("scanner@printer.lan", or a bare "root"),
/// "@domain" for every sender in a domain, or "*" for everyone else. "to" is a qualified address the smarthost
/// lets relaybox send as. A pair is split at its first "=": device addresses do not contain one.
/// Everything <see cref="SenderRewriteMap"/> would refuse is refused here first, naming the pair.
/// </summary>
public static class SenderMapValue
{
    public const string Forms =
        "pairs from=to separated by commas or spaces, from being an address, @domain or *, to a mail address " +
        "(e.g. scanner@printer.lan=me@example.net, @lan=me@example.net, *=me@example.net), or empty";

    public static bool TryParse(string text, out SenderRewriteMap map, out string? problem)
    {
        map = SenderRewriteMap.Empty;
        if (!TryParsePairs(text, out IReadOnlyList<KeyValuePair<string, string>> pairs, out problem))
        {
            return false;
        }

        if (pairs.Count > 0)
        {
            map = new SenderRewriteMap(pairs);
        }

        return true;
    }

    /// <summary>The pairs in file order, each "from" as written (trimmed) and each "to" normalised as the SMTP parser writes it.</summary>
    public static bool TryParsePairs(string text, out IReadOnlyList<KeyValuePair<string, string>> pairs, out string? problem)
    {
        // Whole pairs are not what must be unique: a repeat is judged by "from" alone (case-blind, trailing dot
        // dropped, as the map looks it up), so the pair parser keeps its own record of senders and says "mapped twice".
        var seenFrom = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return ListValueParser.TryParseEach(
            JoinAroundEquals(text),
            SenderRewriteMap.MaxEntries,
            count => $"has {count} pairs; at most {SenderRewriteMap.MaxEntries} are allowed",
            RepeatedEntries.Kept,
            (string entry, out KeyValuePair<string, string> pair, out string? pairProblem) => TryParsePair(entry, seenFrom, out pair, out pairProblem),
            out pairs,
            out problem);
    }

    private static bool TryParsePair(string entry, HashSet<string> seenFrom, out KeyValuePair<string, string> pair, out string? problem)
    {
        pair = default;
        int equals = entry.IndexOf('=');
        if (equals < 0)
        {
            problem = $"\"{entry}\" is not a from=to pair";
            return false;
        }

        string from = entry[..equals];
        string to = entry[(equals + 1)..];
        if (!IsValidFrom(from, out string? fromProblem))
        {
            problem = $"\"{entry}\": {fromProblem}";
            return false;
        }

        if (!TryParseTarget(to, out string? target))
        {
            problem = $"\"{entry}\": \"{to}\" is not a mail address with a domain";
            return false;
        }

        if (!seenFrom.Add(from.TrimEnd('.')))
        {
            problem = $"\"{entry}\": \"{from}\" is mapped twice";
            return false;
        }

        problem = null;
        pair = new KeyValuePair<string, string>(from, target);
        return true;
    }

    private static bool IsValidFrom(string from, out string? problem)
    {
        problem = null;
        if (from == "*")
        {
            return true;
        }

        if (from.StartsWith('@'))
        {
            string domain = from[1..].TrimEnd('.');
            bool literal = domain.Length > 2 && domain[0] == '[' && domain[^1] == ']' && IPAddress.TryParse(domain[1..^1], out _);
            if (!literal && !HostNameValue.IsValid(domain))
            {
                problem = $"\"{from}\" is not @ followed by a domain";
                return false;
            }

            return true;
        }

        if (from.Length == 0)
        {
            problem = "the sender before \"=\" is missing (an address, @domain or *)";
            return false;
        }

        if (!MailboxAddress.TryParse(Encoding.UTF8.GetBytes(from), allowUtf8: true, out MailboxAddress? parsed, out _)
            || parsed is null || parsed.HadSourceRoute || from.Contains('<'))
        {
            problem = $"\"{from}\" is not an address, @domain or *";
            return false;
        }

        return true;
    }

    private static bool TryParseTarget(string to, out string target)
    {
        target = "";
        if (to.Length == 0 || !MailAddressValue.TryParse(to, out string? address, out _) || address is null)
        {
            return false;
        }

        // A quoted local part may hold spaces or angle brackets; such an address cannot stand in a From field as is.
        if (address.AsSpan().IndexOfAny("<>\r\n \t") >= 0 || to.Contains('<'))
        {
            return false;
        }

        target = address;
        return true;
    }

    /// <summary>"a = b" is one pair, not three words: drops the blanks on either side of each "=".</summary>
    private static string JoinAroundEquals(string text)
    {
        var joined = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c is ' ' or '\t')
            {
                int next = i;
                while (next < text.Length && text[next] is ' ' or '\t')
                {
                    next++;
                }

                bool besideEquals = (joined.Length > 0 && joined[^1] == '=') || (next < text.Length && text[next] == '=');
                if (!besideEquals)
                {
                    joined.Append(text, i, next - i);
                }

                i = next - 1;
                continue;
            }

            joined.Append(c);
        }

        return joined.ToString();
    }
}
