using System.Text;

namespace Relaybox.Smtp.Protocol;

/// <summary>
/// A mailbox from a MAIL FROM or RCPT TO path (RFC 5321 section 4.1.2), normalised for policy decisions:
/// the domain is lower-cased ASCII (or UTF-8 with SMTPUTF8) without a trailing dot, a source route is
/// dropped (RFC 5321 section 4.1.1.3 and appendix C: accept, then ignore), and a quoted local part keeps its
/// quotes so that routing characters inside it stay visible to the relay policy.
/// An empty <see cref="Domain"/> is an unqualified name ("root"), which LAN devices send and Postfix accepts.
/// </summary>
public sealed record MailboxAddress(string LocalPart, string Domain, bool IsDomainLiteral, bool HadSourceRoute)
{
    /// <summary>RFC 5321 section 4.5.3.1.1.</summary>
    public const int MaxLocalPartLength = 64;

    /// <summary>RFC 5321 section 4.5.3.1.2.</summary>
    public const int MaxDomainLength = 255;

    /// <summary>RFC 5321 section 4.5.3.1.3, including the angle brackets.</summary>
    public const int MaxPathLength = 256;

    public bool IsQualified => Domain.Length > 0;

    public bool IsQuotedLocalPart => LocalPart.Length > 1 && LocalPart[0] == '"';

    /// <summary>The address as it goes into the envelope: local@domain, or the bare local part.</summary>
    public override string ToString() => IsQualified ? LocalPart + "@" + Domain : LocalPart;

    /// <summary>
    /// Parses the text between "TO:"/"FROM:" and the parameters, angle brackets included.
    /// <paramref name="allowUtf8"/> is true when the transaction carries SMTPUTF8 (RFC 6531 section 3.3).
    /// The null path "&lt;&gt;" is not a mailbox: callers test for it before calling.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> path, bool allowUtf8, out MailboxAddress? address, out AddressError error)
    {
        address = null;
        if (path.Length > MaxPathLength)
        {
            error = AddressError.TooLong;
            return false;
        }

        // Broken clients omit the brackets (Postfix accepts this unless strict_rfc821_envelopes is set).
        if (path.Length >= 2 && path[0] == (byte)'<' && path[^1] == (byte)'>')
        {
            path = path[1..^1];
        }
        else if (path.IndexOfAny((byte)'<', (byte)'>') >= 0)
        {
            error = AddressError.Syntax;
            return false;
        }

        if (path.Length == 0)
        {
            error = AddressError.Syntax;
            return false;
        }

        bool hadSourceRoute = false;
        if (path[0] == (byte)'@')
        {
            int colon = path.IndexOf((byte)':');
            if (colon < 0 || !IsValidRoute(path[..colon]))
            {
                error = AddressError.Syntax;
                return false;
            }

            hadSourceRoute = true;
            path = path[(colon + 1)..];
            if (path.IsEmpty)
            {
                error = AddressError.Syntax; // "<@relay:>": a route that leads nowhere
                return false;
            }
        }

        if (!TrySplitMailbox(path, out var local, out var domain, out error))
        {
            return false;
        }

        bool isQuoted = local.Length > 0 && local[0] == (byte)'"';
        if (local.Length == 0 || local.Length > MaxLocalPartLength ||
            !(isQuoted ? IsQuotedString(local, allowUtf8) : IsDotString(local, allowUtf8)))
        {
            error = local.Length > MaxLocalPartLength ? AddressError.TooLong : Classify(local, allowUtf8);
            return false;
        }

        bool isLiteral = false;
        string domainText = string.Empty;
        if (!domain.IsEmpty)
        {
            if (domain[0] != (byte)'[' && domain[^1] == (byte)'.')
            {
                domain = domain[..^1]; // "example.com." names the same domain; Postfix strips it too.
            }

            if (domain.Length > MaxDomainLength)
            {
                error = AddressError.TooLong;
                return false;
            }

            if (domain.Length > 0 && domain[0] == (byte)'[')
            {
                if (!IsAddressLiteral(domain))
                {
                    error = AddressError.Syntax;
                    return false;
                }

                isLiteral = true;
            }
            else if (!IsDomain(domain, allowUtf8) || !System.Text.Unicode.Utf8.IsValid(domain))
            {
                // U-labels must be well-formed UTF-8: decoding would otherwise turn bad bytes into U+FFFD silently.
                error = Classify(domain, allowUtf8);
                return false;
            }

            domainText = LowerAscii(Encoding.UTF8.GetString(domain));
        }

        if (!allowUtf8 ? !Ascii.IsValid(local) : !System.Text.Unicode.Utf8.IsValid(local))
        {
            error = allowUtf8 ? AddressError.Syntax : AddressError.NonAsciiWithoutSmtpUtf8;
            return false;
        }

        address = new MailboxAddress(Encoding.UTF8.GetString(local), domainText, isLiteral, hadSourceRoute);
        error = AddressError.None;
        return true;
    }

    private static AddressError Classify(ReadOnlySpan<byte> part, bool allowUtf8) =>
        !allowUtf8 && !Ascii.IsValid(part) ? AddressError.NonAsciiWithoutSmtpUtf8 : AddressError.Syntax;

    /// <summary>Splits at the '@' that ends the local part: the last one outside a quoted string.</summary>
    private static bool TrySplitMailbox(ReadOnlySpan<byte> mailbox, out ReadOnlySpan<byte> local, out ReadOnlySpan<byte> domain, out AddressError error)
    {
        int at;
        if (mailbox[0] == (byte)'"')
        {
            int close = EndOfQuotedString(mailbox);
            if (close < 0)
            {
                local = domain = default;
                error = AddressError.Syntax;
                return false;
            }

            if (close + 1 == mailbox.Length)
            {
                at = -1;
            }
            else if (mailbox[close + 1] == (byte)'@')
            {
                at = close + 1;
            }
            else
            {
                local = domain = default;
                error = AddressError.Syntax;
                return false;
            }
        }
        else
        {
            at = mailbox.IndexOf((byte)'@');
        }

        if (at < 0)
        {
            local = mailbox;
            domain = default;
        }
        else
        {
            local = mailbox[..at];
            domain = mailbox[(at + 1)..];
            if (domain.IsEmpty)
            {
                error = AddressError.Syntax;
                return false;
            }
        }

        error = AddressError.None;
        return true;
    }

    private static int EndOfQuotedString(ReadOnlySpan<byte> text)
    {
        for (int i = 1; i < text.Length; i++)
        {
            if (text[i] == (byte)'\\')
            {
                i++;
            }
            else if (text[i] == (byte)'"')
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsValidRoute(ReadOnlySpan<byte> route)
    {
        // A-d-l = At-domain *( "," At-domain ), At-domain = "@" Domain
        foreach (var range in route.Split((byte)','))
        {
            var hop = route[range];
            if (hop.Length < 2 || hop[0] != (byte)'@' || !IsDomain(hop[1..], allowUtf8: false))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDotString(ReadOnlySpan<byte> text, bool allowUtf8)
    {
        bool atomStart = true;
        foreach (byte b in text)
        {
            if (b == (byte)'.')
            {
                if (atomStart)
                {
                    return false;
                }

                atomStart = true;
                continue;
            }

            if (!IsAtext(b) && !(allowUtf8 && b >= 0x80))
            {
                return false;
            }

            atomStart = false;
        }

        return !atomStart;
    }

    private static bool IsQuotedString(ReadOnlySpan<byte> text, bool allowUtf8)
    {
        if (text.Length < 2 || text[0] != (byte)'"' || text[^1] != (byte)'"')
        {
            return false;
        }

        var inner = text[1..^1];
        for (int i = 0; i < inner.Length; i++)
        {
            byte b = inner[i];
            if (b == (byte)'\\')
            {
                // quoted-pairSMTP = %d92 %d32-126
                if (++i >= inner.Length || inner[i] < 32 || inner[i] > 126)
                {
                    return false;
                }
            }
            else if (b == (byte)'"' || (b < 32) || b == 127 || (b >= 0x80 && !allowUtf8))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDomain(ReadOnlySpan<byte> text, bool allowUtf8)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var range in text.Split((byte)'.'))
        {
            var label = text[range];
            if (label.IsEmpty || label.Length > 63 || label[0] == (byte)'-' || label[^1] == (byte)'-')
            {
                return false;
            }

            foreach (byte b in label)
            {
                bool ok = char.IsAsciiLetterOrDigit((char)b) || b == (byte)'-' || (allowUtf8 && b >= 0x80);
                if (!ok)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool IsAddressLiteral(ReadOnlySpan<byte> text)
    {
        if (text.Length < 3 || text[^1] != (byte)']')
        {
            return false;
        }

        var inner = text[1..^1];
        // The tag is an ABNF string, so case-insensitive (RFC 5234 section 2.3).
        if (inner.Length > 5 && Ascii.EqualsIgnoreCase(inner[..5], "IPv6:"u8))
        {
            // IPv6-addr of RFC 5321 section 4.1.3 has no zone index ("%eth0"), which IPAddress would accept.
            var addressText = inner[5..];
            return addressText.IndexOf((byte)'%') < 0 && Ascii.IsValid(addressText) &&
                   System.Net.IPAddress.TryParse(Encoding.ASCII.GetString(addressText), out var v6) &&
                   v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        }

        // IPv4-address-literal: exactly four dotted decimal octets (IPAddress.TryParse alone would take "1").
        int parts = 0;
        foreach (var range in inner.Split((byte)'.'))
        {
            var part = inner[range];
            parts++;
            // Snum = 1*3DIGIT: digits only (Utf8Parser alone would take a sign).
            if (part.IsEmpty || part.Length > 3 || part.IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0 ||
                !System.Buffers.Text.Utf8Parser.TryParse(part, out int value, out int used) || used != part.Length || value > 255)
            {
                return false;
            }
        }

        return parts == 4;
    }

    private static bool IsAtext(byte b) =>
        char.IsAsciiLetterOrDigit((char)b) || b switch
        {
            (byte)'!' or (byte)'#' or (byte)'$' or (byte)'%' or (byte)'&' or (byte)'\'' or (byte)'*' or (byte)'+' or
            (byte)'-' or (byte)'/' or (byte)'=' or (byte)'?' or (byte)'^' or (byte)'_' or (byte)'`' or (byte)'{' or
            (byte)'|' or (byte)'}' or (byte)'~' => true,
            _ => false,
        };

    private static string LowerAscii(string text) => text.ToLowerInvariant();
}
