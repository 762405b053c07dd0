using System.Text;

namespace Relaybox.Smtp.Delivery.Rewriting;

/// <summary>
/// Finds and replaces the address in a From field value that names one mailbox (RFC 5322 section 3.4):
/// "Display Name &lt;addr&gt;", "addr", or "addr (comment)" as cron writes it. The display name, comments and
/// quoting around the address are kept as they were. A group or a list of mailboxes is left alone: which of
/// them the smarthost would accept is not ours to guess.
/// </summary>
internal static class FromAddress
{
    /// <summary>The address and where it sits in <paramref name="value"/>, or false when the value is not one mailbox.</summary>
    public static bool TryLocate(string value, out int start, out int length)
    {
        start = length = -1;
        int angleOpen = -1;
        int angleClose = -1;
        int tokenStart = -1;
        int tokenEnd = -1;
        int tokens = 0;
        bool inToken = false;
        int comment = 0;
        bool quoted = false;
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c == '\\' && (quoted || comment > 0))
            {
                i++;
                continue;
            }

            if (quoted)
            {
                quoted = c != '"';
                continue;
            }

            if (comment > 0)
            {
                comment += c == '(' ? 1 : c == ')' ? -1 : 0;
                continue;
            }

            bool separator = c is ' ' or '\t' or '(';
            if (inToken && separator)
            {
                inToken = false;
                tokenEnd = i;
            }

            switch (c)
            {
                case '"':
                    quoted = true;
                    MarkToken(ref inToken, ref tokens, ref tokenStart, i);
                    break;
                case '(':
                    comment = 1;
                    break;
                case '<' when angleOpen < 0:
                    angleOpen = i;
                    break;
                case '>' when angleOpen >= 0 && angleClose < 0:
                    angleClose = i;
                    break;
                case ',' or ';' or ':' when angleOpen < 0 || angleClose >= 0:
                    return false; // several mailboxes, or a group
                case ' ' or '\t':
                    break;
                default:
                    if (angleOpen < 0)
                    {
                        MarkToken(ref inToken, ref tokens, ref tokenStart, i);
                    }

                    break;
            }
        }

        if (inToken)
        {
            tokenEnd = value.Length;
        }

        if (quoted || comment > 0)
        {
            return false;
        }

        if (angleOpen >= 0)
        {
            if (angleClose < 0)
            {
                return false;
            }

            var inner = value.AsSpan(angleOpen + 1, angleClose - angleOpen - 1);
            int leading = inner.Length - inner.TrimStart().Length;
            start = angleOpen + 1 + leading;
            length = inner.Trim().Length;
            return length > 0 && inner.IndexOf(':') < 0; // "<@route:addr>" is obsolete; leave it be
        }

        if (tokens != 1)
        {
            return false; // a bare addr-spec is a single token; more words without "<>" is not a mailbox
        }

        start = tokenStart;
        length = tokenEnd - tokenStart;
        return length > 0;
    }

    /// <summary>Drops the quotes of a quoted local part so "\"root\"@nas" looks up like root@nas.</summary>
    public static string Normalise(string address)
    {
        if (address.Length < 2 || address[0] != '"')
        {
            return address;
        }

        int close = address.LastIndexOf('"');
        if (close <= 0)
        {
            return address;
        }

        var local = new StringBuilder(close);
        for (int i = 1; i < close; i++)
        {
            if (address[i] == '\\' && i + 1 < close)
            {
                i++;
            }

            local.Append(address[i]);
        }

        return local + address[(close + 1)..];
    }

    private static void MarkToken(ref bool inToken, ref int tokens, ref int tokenStart, int position)
    {
        if (!inToken)
        {
            inToken = true;
            tokens++;
            tokenStart = position;
        }
    }
}
