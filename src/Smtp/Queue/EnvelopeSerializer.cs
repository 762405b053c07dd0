using System.Globalization;
using System.Text;
using Relaybox.Smtp.Protocol;

namespace Relaybox.Smtp.Queue;

/// <summary>
/// The envelope file: ASCII text, one field per line, readable with a pager and written without reflection.
/// <code>
/// relaybox-envelope 1
/// reverse-path alice@example.com
/// body 8bitmime
/// smtputf8 no
/// ret hdrs
/// envid QQ314159            (absent when MAIL had no ENVID)
/// login alice               (absent for unauthenticated clients)
/// client 192.168.1.20
/// helo printer.lan
/// received-at 2026-11-22T10:00:00.0000000+00:00
/// rcpt notify=failure,delay orcpt=rfc822;bob@example.net address=bob@example.net
/// end
/// </code>
/// Every value is escaped by <see cref="FieldEscaping"/> (no spaces, no line ends, "%XX" for the rest);
/// an empty value is allowed ("reverse-path " is the null sender). There is one "rcpt" line per recipient,
/// whose orcpt token is absent when RCPT had no ORCPT. The final "end" line proves the file is whole.
/// The file is written once and never changed: per-recipient delivery state belongs in a separate state
/// file beside it (see <see cref="QueueDirectory.StatePath"/>), so the envelope is never at risk of a
/// partial rewrite. A reader rejects every line it does not know, so damage is reported, not skipped.
/// </summary>
public static class EnvelopeSerializer
{
    public const int FormatVersion = 1;

    private const string Magic = "relaybox-envelope";

    /// <summary>Envelope files larger than this are refused as corrupt; 100 recipients of the longest legal form take about 100 KiB.</summary>
    public const int MaxFileLength = 1024 * 1024;

    public static byte[] Write(Envelope envelope)
    {
        if (envelope.Recipients.Count == 0)
        {
            throw new ArgumentException("an envelope needs at least one recipient", nameof(envelope));
        }

        var text = new StringBuilder(256 + (envelope.Recipients.Count * 96));
        text.Append(Magic).Append(' ').Append(FormatVersion.ToString(CultureInfo.InvariantCulture)).Append('\n');
        Field(text, "reverse-path", envelope.ReversePath);
        text.Append("body ").Append(EnvelopeFields.FormatBody(envelope.Body)).Append('\n');
        text.Append("smtputf8 ").Append(envelope.SmtpUtf8 ? "yes" : "no").Append('\n');
        text.Append("ret ").Append(EnvelopeFields.FormatReturn(envelope.Return)).Append('\n');
        if (envelope.EnvelopeId is { } envelopeId)
        {
            Field(text, "envid", envelopeId);
        }

        if (envelope.AuthenticatedLogin is { } login)
        {
            Field(text, "login", login);
        }

        Field(text, "client", envelope.ClientAddress);
        Field(text, "helo", envelope.HeloName);
        text.Append("received-at ").Append(envelope.ReceivedAt.ToString("O", CultureInfo.InvariantCulture)).Append('\n');
        foreach (var recipient in envelope.Recipients)
        {
            text.Append("rcpt notify=").Append(EnvelopeFields.FormatNotify(recipient.Notify));
            if (recipient.OriginalRecipient is { } original)
            {
                text.Append(" orcpt=");
                FieldEscaping.Append(text, original);
            }

            text.Append(" address=");
            FieldEscaping.Append(text, recipient.Address);
            text.Append('\n');
        }

        text.Append("end\n");
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    /// <summary>Reads an envelope file; throws <see cref="EnvelopeFormatException"/> on anything unexpected.</summary>
    public static Envelope Read(ReadOnlySpan<byte> file)
    {
        if (file.Length > MaxFileLength)
        {
            throw new EnvelopeFormatException($"file is larger than {MaxFileLength} bytes", 0);
        }

        if (!Ascii.IsValid(file))
        {
            throw new EnvelopeFormatException("file contains bytes that are not ASCII", 0);
        }

        return new EnvelopeReader(Encoding.ASCII.GetString(file)).Read();
    }

    private static void Field(StringBuilder text, string name, string value)
    {
        text.Append(name).Append(' ');
        FieldEscaping.Append(text, value);
        text.Append('\n');
    }
}
