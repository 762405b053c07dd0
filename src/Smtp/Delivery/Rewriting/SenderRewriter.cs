using System.Text.Unicode;

namespace Relaybox.Smtp.Delivery.Rewriting;

/// <summary>
/// Makes device mail acceptable to a smarthost that only lets the account's own address send: the envelope
/// sender and the From field are looked up in a <see cref="SenderRewriteMap"/> and replaced, keeping the
/// From display name. The original From goes into an added <c>X-Original-From:</c> field.
/// <para>
/// Why X-Original-From and not Resent-*: Resent-From (RFC 5322 section 3.6.6) says a user reintroduced the
/// message and must leave From as it was, yet the From field is exactly what the smarthost checks, so it has
/// to change. X-Original-From is the field mailing-list software (Mailman, Google Groups) adds when it
/// rewrites From for the same reason, so mail clients and readers already know it.
/// </para>
/// The null sender (bounces, RFC 5321 section 4.5.5) is never rewritten: a bounce must not get a sender that
/// could itself bounce.
/// </summary>
public sealed class SenderRewriter
{
    public const string OriginalFromField = "X-Original-From";

    /// <summary>RFC 5322 section 2.1.1: a line is at most 998 octets; a rewritten From that would be longer is not written.</summary>
    private const int MaxLineOctets = 998;

    private readonly SenderRewriteMap _map;

    public SenderRewriter(SenderRewriteMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        _map = map;
    }

    /// <summary>The reverse-path to send with: mapped, or unchanged ("" stays "").</summary>
    public string RewriteEnvelopeSender(string reversePath)
    {
        ArgumentNullException.ThrowIfNull(reversePath);
        if (reversePath.Length == 0)
        {
            return reversePath;
        }

        var target = _map.Lookup(FromAddress.Normalise(reversePath));
        return target ?? reversePath;
    }

    /// <summary>
    /// Rewrites the first From field when its single mailbox has an entry in the map that differs from it.
    /// Returns what happened; the header section is changed only for <see cref="FromRewrite.Rewritten"/>.
    /// </summary>
    public FromRewrite RewriteFromField(HeaderEdit headers, bool isNullSender)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (_map.Count == 0)
        {
            return FromRewrite.NoMapping;
        }

        if (isNullSender)
        {
            return FromRewrite.NullSender; // a bounce's From names the reporting system; leave it
        }

        int index = headers.IndexOf("From");
        if (index < 0)
        {
            return FromRewrite.NoFromField;
        }

        var field = headers.Fields[index];
        if (!Utf8.IsValid(field.RawValue.Span))
        {
            return FromRewrite.NotOneMailbox; // decoding would turn the bytes into U+FFFD; do not touch them
        }

        string value = field.UnfoldedValue();
        if (!FromAddress.TryLocate(value, out int start, out int length))
        {
            return FromRewrite.NotOneMailbox;
        }

        string address = value.Substring(start, length);
        string? target = _map.Lookup(FromAddress.Normalise(address));
        if (target is null)
        {
            return FromRewrite.NoMapping;
        }

        if (string.Equals(target, FromAddress.Normalise(address), StringComparison.OrdinalIgnoreCase))
        {
            return FromRewrite.AlreadyMapped; // what makes rewriting twice the same as rewriting once
        }

        string rewritten = string.Concat(value.AsSpan(0, start), target, value.AsSpan(start + length));
        if (System.Text.Encoding.UTF8.GetByteCount(rewritten) + "From: \r\n".Length > MaxLineOctets)
        {
            return FromRewrite.TooLong;
        }

        if (!headers.Contains(OriginalFromField))
        {
            // A field already there names an earlier original; one is enough.
            headers.AppendRawValue(OriginalFromField, field.RawValue.Span);
        }

        headers.Replace(index, field.Name, rewritten);
        return FromRewrite.Rewritten;
    }
}
