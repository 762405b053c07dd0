using System.Buffers;
using System.Globalization;
using System.Text;
using Relaybox.Smtp.Protocol;
using Relaybox.Smtp.Queue;

namespace Relaybox.Smtp.Delivery.Client;

/// <summary>
/// One mail transaction on an open session (RFC 5321 section 3.3): MAIL, RCPT per recipient, DATA with the
/// content dot-stuffed on the fly, and the final reply, pipelined when the server allows (RFC 2920).
/// </summary>
internal sealed class SmtpTransaction(SmtpClientConnection connection, EhloCapabilities capabilities, ClientTimeouts timeouts)
{
    /// <summary>Content is read and sent in blocks of this size; each block write gets the data-block timeout.</summary>
    private const int BlockSize = 64 * 1024;

    /// <summary>
    /// True once a byte of content went out: from then on a broken session may have delivered the message (RFC 5321
    /// section 4.1.1.4), so it must not be sent again on another connection within this attempt.
    /// </summary>
    public bool ContentStarted { get; private set; }

    /// <summary>Checks that need no round trip: properties of the message this upstream can never accept.</summary>
    public static void CheckAcceptable(OutboundMessage message, EhloCapabilities capabilities)
    {
        Envelope envelope = message.Envelope;
        if (NeedsSmtpUtf8(envelope) && !capabilities.SmtpUtf8)
        {
            // RFC 6531 section 3.4: without the extension the message cannot be relayed as it is.
            throw new DeliveryAbortedException(DeliveryFailure.SmtpUtf8Unsupported, "the message needs SMTPUTF8, which the upstream does not offer") { Permanent = true };
        }

        if (envelope.Body == BodyType.BinaryMime)
        {
            throw new DeliveryAbortedException(DeliveryFailure.BinaryMimeUnsupported, "BINARYMIME content cannot be sent with DATA (RFC 3030)") { Permanent = true };
        }

        // RFC 1870 section 6.1: a message above the announced fixed limit will be refused; do not send it.
        if (capabilities.MaxMessageSize is { } limit && message.Size > limit)
        {
            throw new DeliveryAbortedException(DeliveryFailure.MessageTooLarge, $"message of {message.Size} octets exceeds the upstream's SIZE {limit}") { Permanent = true };
        }
    }

    /// <summary>Runs the transaction; returns one result per recipient, in envelope order.</summary>
    public async Task<IReadOnlyList<RecipientResult>> RunAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        CheckAcceptable(message, capabilities);
        IReadOnlyList<EnvelopeRecipient> recipients = message.Envelope.Recipients;
        string mail = MailCommand(message);
        var rcpts = recipients.Select(RcptCommand).ToList();

        UpstreamReply mailReply;
        var rcptReplies = new UpstreamReply[recipients.Count];
        UpstreamReply? dataReply = null;
        if (capabilities.Pipelining)
        {
            // RFC 2920 section 3.1: MAIL, the RCPTs and DATA go as one group; the replies come back in order
            // and must all be read, whatever the first ones said.
            await connection.SendAsync([mail, .. rcpts, "DATA"], timeouts.Mail, cancellationToken).ConfigureAwait(false);
            mailReply = await connection.ReadReplyAsync(timeouts.Mail, cancellationToken).ConfigureAwait(false);
            for (int i = 0; i < rcptReplies.Length; i++)
            {
                rcptReplies[i] = await connection.ReadReplyAsync(timeouts.Rcpt, cancellationToken).ConfigureAwait(false);
            }

            dataReply = await connection.ReadReplyAsync(timeouts.DataInitiation, cancellationToken).ConfigureAwait(false);
            if (dataReply.Code == 354 && (!mailReply.IsPositive || !rcptReplies.Any(r => r.IsPositive)))
            {
                // The server began DATA without a valid transaction: end it with an empty message (RFC 2920 section 3.1).
                await connection.WriteAsync(".\r\n"u8.ToArray(), timeouts.DataBlock, cancellationToken).ConfigureAwait(false);
                await connection.ReadReplyAsync(timeouts.DataTermination, cancellationToken).ConfigureAwait(false);
                dataReply = null;
            }
        }
        else
        {
            await connection.SendAsync(mail, timeouts.Mail, cancellationToken).ConfigureAwait(false);
            mailReply = await connection.ReadReplyAsync(timeouts.Mail, cancellationToken).ConfigureAwait(false);
            if (mailReply.IsPositive)
            {
                for (int i = 0; i < rcptReplies.Length; i++)
                {
                    await connection.SendAsync(rcpts[i], timeouts.Rcpt, cancellationToken).ConfigureAwait(false);
                    rcptReplies[i] = await connection.ReadReplyAsync(timeouts.Rcpt, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        if (!mailReply.IsPositive)
        {
            throw new DeliveryAbortedException(DeliveryFailure.MailRefused, $"MAIL FROM: {mailReply}", mailReply) { Permanent = mailReply.IsPermanent };
        }

        var results = new RecipientResult[recipients.Count];
        var accepted = new List<int>();
        for (int i = 0; i < recipients.Count; i++)
        {
            if (rcptReplies[i].IsPositive)
            {
                accepted.Add(i);
            }
            else
            {
                results[i] = Judge(recipients[i], rcptReplies[i], "RCPT TO");
            }
        }

        if (accepted.Count == 0)
        {
            return results; // nothing to send: every recipient has its answer (RFC 5321 section 3.3)
        }

        if (dataReply is null)
        {
            await connection.SendAsync("DATA", timeouts.DataInitiation, cancellationToken).ConfigureAwait(false);
            dataReply = await connection.ReadReplyAsync(timeouts.DataInitiation, cancellationToken).ConfigureAwait(false);
        }

        UpstreamReply final = dataReply.Code == 354
            ? await SendContentAsync(message.Content, cancellationToken).ConfigureAwait(false)
            : dataReply;
        string step = dataReply.Code == 354 ? "end of data" : "DATA";
        foreach (int i in accepted)
        {
            results[i] = Judge(recipients[i], final, step);
        }

        return results;
    }

    private async Task<UpstreamReply> SendContentAsync(Stream content, CancellationToken cancellationToken)
    {
        ContentStarted = true;
        var stuffer = new DotStuffer();
        var output = new ArrayBufferWriter<byte>(BlockSize + (BlockSize / 2));
        byte[] block = ArrayPool<byte>.Shared.Rent(BlockSize);
        try
        {
            int read;
            while ((read = await content.ReadAsync(block.AsMemory(0, BlockSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                stuffer.Write(block.AsSpan(0, read), output);
                await connection.WriteAsync(output.WrittenMemory, timeouts.DataBlock, cancellationToken).ConfigureAwait(false);
                output.ResetWrittenCount();
            }

            stuffer.Finish(output);
            await connection.WriteAsync(output.WrittenMemory, timeouts.DataBlock, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(block);
        }

        return await connection.ReadReplyAsync(timeouts.DataTermination, cancellationToken).ConfigureAwait(false);
    }

    private static RecipientResult Judge(EnvelopeRecipient recipient, UpstreamReply reply, string step)
    {
        RecipientOutcome outcome = reply.IsPositive ? RecipientOutcome.Delivered
            : reply.IsPermanent ? RecipientOutcome.Failed
            : RecipientOutcome.Deferred; // 4yz, or a 3yz where none belongs: try again later
        return new RecipientResult(recipient, outcome, reply, $"{step}: {reply}");
    }

    private string MailCommand(OutboundMessage message)
    {
        Envelope envelope = message.Envelope;
        var command = new StringBuilder("MAIL FROM:<").Append(envelope.ReversePath).Append('>');
        if (capabilities.Size)
        {
            command.Append(" SIZE=").Append(message.Size.ToString(CultureInfo.InvariantCulture)); // RFC 1870 section 6
        }

        // RFC 6152 section 3: declare 8-bit content when the server can take it. A server without 8BITMIME gets
        // the content unchanged and undeclared (Postfix with disable_mime_output_conversion): converting MIME
        // parts to quoted-printable is out of scope, and bouncing mail every modern server would take is worse.
        if (envelope.Body == BodyType.EightBitMime && capabilities.EightBitMime)
        {
            command.Append(" BODY=8BITMIME");
        }

        if (NeedsSmtpUtf8(envelope))
        {
            command.Append(" SMTPUTF8"); // RFC 6531 section 3.4
        }

        if (capabilities.Dsn)
        {
            // RFC 3461 sections 4.3 and 4.4: pass on what the submitter asked for; ENVID is stored as xtext.
            if (envelope.Return != DsnReturn.Unspecified)
            {
                command.Append(envelope.Return == DsnReturn.Full ? " RET=FULL" : " RET=HDRS");
            }

            if (envelope.EnvelopeId is { Length: > 0 } envelopeId)
            {
                command.Append(" ENVID=").Append(envelopeId);
            }
        }

        return command.ToString();
    }

    private string RcptCommand(EnvelopeRecipient recipient)
    {
        var command = new StringBuilder("RCPT TO:<").Append(recipient.Address).Append('>');
        if (capabilities.Dsn)
        {
            // RFC 3461 section 4.1: NEVER alone, or a list of SUCCESS, FAILURE, DELAY.
            if (recipient.Notify.HasFlag(DsnNotify.Never))
            {
                command.Append(" NOTIFY=NEVER");
            }
            else if (recipient.Notify != DsnNotify.Default)
            {
                var kinds = new List<string>(3);
                if (recipient.Notify.HasFlag(DsnNotify.Success))
                {
                    kinds.Add("SUCCESS");
                }

                if (recipient.Notify.HasFlag(DsnNotify.Failure))
                {
                    kinds.Add("FAILURE");
                }

                if (recipient.Notify.HasFlag(DsnNotify.Delay))
                {
                    kinds.Add("DELAY");
                }

                command.Append(" NOTIFY=").Append(string.Join(',', kinds));
            }

            // RFC 3461 section 4.2: ORCPT as received ("addr-type;xtext"), else none.
            if (recipient.OriginalRecipient is { Length: > 0 } original)
            {
                command.Append(" ORCPT=").Append(original);
            }
        }

        return command.ToString();
    }

    private static bool NeedsSmtpUtf8(Envelope envelope) =>
        envelope.SmtpUtf8 || !Ascii.IsValid(envelope.ReversePath) || envelope.Recipients.Any(r => !Ascii.IsValid(r.Address));
}
