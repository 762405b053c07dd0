using Relaybox.Smtp.Queue;

namespace Relaybox.Smtp.Delivery.Rewriting;

/// <summary>
/// Applies the three rewrites to one queued message at delivery time. The queue keeps the message exactly as
/// accepted, so every attempt starts from the original and produces the same bytes (a retry sends what the
/// first attempt sent). Only the header section is read into memory, at most
/// <see cref="MaxHeaderOctets"/>; a larger one is passed on unchanged (envelope rewriting still applies) and
/// flagged in the report.
/// </summary>
public sealed class MessageRewriter
{
    private readonly RecipientRewriter? _recipients;
    private readonly SenderRewriter _sender;
    private readonly HeaderFixer _headers;

    /// <param name="recipients">Null when no admin address is configured: recipients then stay as they are.</param>
    public MessageRewriter(RecipientRewriter? recipients, SenderRewriter sender, HeaderFixer headers, int maxHeaderOctets = HeaderSectionReader.DefaultMaxHeaderOctets)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxHeaderOctets, 1);
        _recipients = recipients;
        _sender = sender;
        _headers = headers;
        MaxHeaderOctets = maxHeaderOctets;
    }

    public int MaxHeaderOctets { get; }

    /// <summary>The envelope recipients as <see cref="RewriteAsync"/> will send them (same count and order), without reading the content.</summary>
    public IReadOnlyList<EnvelopeRecipient> RewriteRecipients(IReadOnlyList<EnvelopeRecipient> recipients) =>
        _recipients is null ? recipients : _recipients.Rewrite(recipients);

    /// <param name="content">The queued content at its start (CRLF line ends); owned by the result from here on.</param>
    /// <param name="size">The content length in octets.</param>
    public async ValueTask<RewrittenMessage> RewriteAsync(string queueId, Envelope envelope, Stream content, long size, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(content);

        var recipients = _recipients is null ? envelope.Recipients : _recipients.Rewrite(envelope.Recipients);
        int redirected = 0;
        for (int i = 0; i < recipients.Count; i++)
        {
            redirected += ReferenceEquals(recipients[i], envelope.Recipients[i]) ? 0 : 1;
        }

        string sender = _sender.RewriteEnvelopeSender(envelope.ReversePath);
        var rewrittenEnvelope = envelope with { ReversePath = sender, Recipients = recipients };

        HeaderRead read;
        try
        {
            read = await HeaderSectionReader.ReadAsync(content, MaxHeaderOctets, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await content.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        bool senderChanged = !string.Equals(sender, envelope.ReversePath, StringComparison.Ordinal);
        if (read.Section is null)
        {
            var untouched = new RewriteReport(redirected, senderChanged, FromRewrite.HeaderNotRead, HeaderFixes.None, HeaderTooLarge: true);
            return new RewrittenMessage(rewrittenEnvelope, read.Rest, size, untouched);
        }

        var edit = new HeaderEdit(read.Section);
        var from = _sender.RewriteFromField(edit, envelope.ReversePath.Length == 0);
        var fixes = _headers.Fix(edit, queueId, envelope.ReceivedAt);
        var report = new RewriteReport(redirected, senderChanged, from, fixes, HeaderTooLarge: false);
        if (!edit.Changed && read.Section.End != HeaderSectionEnd.BodyWithoutSeparator)
        {
            // Nothing to change: replay the original section so the bytes stay exactly as queued.
            var original = new byte[read.Section.Length];
            int offset = 0;
            foreach (var field in read.Section.Fields)
            {
                field.Raw.Span.CopyTo(original.AsSpan(offset));
                offset += field.Raw.Length;
            }

            read.Section.Separator.Span.CopyTo(original.AsSpan(offset));
            return new RewrittenMessage(rewrittenEnvelope, new PrefixedStream(original, read.Rest), size, report);
        }

        var header = edit.ToBytes();
        return new RewrittenMessage(rewrittenEnvelope, new PrefixedStream(header, read.Rest), size - read.Section.Length + header.Length, report);
    }
}
