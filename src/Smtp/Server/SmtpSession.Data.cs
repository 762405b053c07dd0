using Relaybox.Smtp.Protocol;
using Relaybox.Smtp.Queue;

namespace Relaybox.Smtp.Server;

/// <summary>DATA (RFC 5321 section 4.1.1.4) and BDAT (RFC 3030): receiving, committing and answering a message.</summary>
internal sealed partial class SmtpSession
{
    private async ValueTask DataAsync()
    {
        if (_transaction is null)
        {
            ReplyError(_state == SessionState.Connected ? Replies.NeedHelo : Replies.NeedMail);
            return;
        }

        if (_transaction.UsesBdat)
        {
            ReplyError(Replies.DataAfterBdat); // RFC 3030 section 3: no DATA in a BDAT transaction
            return;
        }

        if (_transaction.Recipients.Count == 0)
        {
            ReplyError(Replies.NeedRcpt);
            return;
        }

        if (_transaction.Mail.Body == BodyType.BinaryMime)
        {
            ReplyError(Replies.BinaryMimeNeedsBdat); // RFC 3030 section 3
            return;
        }

        var settings = _snapshot().Settings;
        var transaction = _transaction;
        await using var message = await CreateMessageAsync(transaction, settings);
        if (message is null)
        {
            await ResetTransactionAsync(); // the client retries the whole transaction later
            Reply(Replies.QueueWriteError);
            return;
        }

        Reply(Replies.StartMailInput);
        await _connection.FlushAsync();

        var (outcome, size) = await DataReceiver.ReceiveDataAsync(_connection, message, settings.Limits.MaxMessageSize, settings.Limits.DataTimeout);

        await FinishMessageAsync(message, transaction, outcome, size);
    }

    private async ValueTask BdatAsync(long chunkSize, bool last)
    {
        var settings = _snapshot().Settings;
        var transaction = _transaction;
        if (transaction is null || transaction.Recipients.Count == 0)
        {
            // RFC 3030 section 2: the chunk is read even when the command is refused, or its octets would be taken as commands.
            if (await DataReceiver.ReceiveChunkAsync(_connection, null, chunkSize, settings.Limits.DataTimeout) == DataOutcome.TimedOut)
            {
                Reply(Replies.Timeout);
                return;
            }

            ReplyError(_state == SessionState.Connected ? Replies.NeedHelo : transaction is null ? Replies.NeedMail : Replies.NeedRcpt);
            return;
        }

        bool storeFailed = false;
        if (transaction.ChunkedMessage is null)
        {
            transaction.ChunkedMessage = await CreateMessageAsync(transaction, settings);
            storeFailed = transaction.ChunkedMessage is null;
        }

        bool tooBig = transaction.ChunkedSize + chunkSize > settings.Limits.MaxMessageSize;
        var outcome = await DataReceiver.ReceiveChunkAsync(_connection, tooBig ? null : transaction.ChunkedMessage, chunkSize, settings.Limits.DataTimeout);

        transaction.ChunkedSize += chunkSize;
        if (outcome == DataOutcome.Complete && (tooBig || storeFailed))
        {
            outcome = tooBig ? DataOutcome.TooBig : DataOutcome.StoreFailed;
        }

        if (outcome != DataOutcome.Complete)
        {
            await FinishMessageAsync(transaction.ChunkedMessage, transaction, outcome, transaction.ChunkedSize);
            return;
        }

        if (!last)
        {
            Reply(Replies.ChunkReceived(chunkSize));
            return;
        }

        var message = transaction.ChunkedMessage;
        transaction.ChunkedMessage = null;
        await using (message)
        {
            await FinishMessageAsync(message, transaction, DataOutcome.Complete, transaction.ChunkedSize);
        }
    }

    /// <summary>
    /// Ends the transaction: commits and says 250 only after the spool returned (the message is on disk),
    /// or answers why not. Either way the transaction is over (RFC 5321 section 4.1.1.4).
    /// </summary>
    private async ValueTask FinishMessageAsync(IncomingMessage? message, MailTransaction transaction, DataOutcome outcome, long size)
    {
        await ResetTransactionAsync();
        switch (outcome)
        {
            case DataOutcome.TimedOut:
                Reply(Replies.Timeout);
                return;
            case DataOutcome.TooBig:
                _log.Information("Rejected message from {ClientAddress}: size {Size} over limit", ClientAddress, size);
                ReplyError(Replies.MessageTooBig);
                return;
            case DataOutcome.BareNewline:
                _log.Information("Rejected message from {ClientAddress}: bare CR or LF in data", ClientAddress);
                ReplyError(Replies.BareNewlineInData);
                return;
            case DataOutcome.StoreFailed:
                Reply(Replies.QueueWriteError);
                return;
        }

        if (message is null)
        {
            Reply(Replies.QueueWriteError);
            return;
        }

        var envelope = new Envelope(
            transaction.Mail.Sender?.ToString() ?? string.Empty,
            transaction.Recipients.ToArray(),
            transaction.Mail.Body,
            transaction.Mail.SmtpUtf8,
            transaction.Mail.Return,
            transaction.Mail.EnvelopeId,
            _login,
            ClientAddress.ToString(),
            _heloName,
            _connection.Time.GetUtcNow());
        try
        {
            await message.CommitAsync(envelope, CancellationToken.None);
        }
        catch (IOException ex)
        {
            _log.Error("Queue write failed for {QueueId}: {Error}", message.Id, ex.Message);
            Reply(Replies.QueueWriteError);
            return;
        }

        _messages++;
        _log.Information("Accepted {QueueId} from {ClientAddress}: {Size} octets, {Recipients} recipients", message.Id, ClientAddress, size, envelope.Recipients.Count);
        Reply(Replies.QueuedAs(message.Id));
        _snapshot().Settings.RelayPolicy.MessageAccepted(RelayClient);
    }

    /// <summary>Starts a spool message with its Received header; null when the spool cannot (disk full, say).</summary>
    private async ValueTask<IncomingMessage?> CreateMessageAsync(MailTransaction transaction, SmtpServerSettings settings)
    {
        IncomingMessage? message = null;
        try
        {
            message = _spool.Create();
            await message.WriteAsync(BuildReceivedHeader(message, transaction, settings), CancellationToken.None);
            return message;
        }
        catch (IOException ex)
        {
            _log.Error("Cannot create a queue file: {Error}", ex.Message);
            if (message is not null)
            {
                await message.DisposeAsync();
            }

            return null;
        }
    }

    /// <summary>The Received header goes first into the spool, before any client byte (RFC 5321 section 4.4).</summary>
    private byte[] BuildReceivedHeader(IncomingMessage message, MailTransaction transaction, SmtpServerSettings settings) =>
        ReceivedHeader.Build(
            _heloName,
            ClientAddress,
            settings.HostName,
            message.Id,
            _extendedHello,
            transaction.Mail.SmtpUtf8,
            _connection.IsTls ? _connection.TlsProtocol : null,
            _connection.TlsCipherSuite,
            _login,
            settings.AuthenticatedHeader,
            _connection.Time.GetUtcNow());
}
