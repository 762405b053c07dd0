using System.Net;
using System.Security.Authentication;
using Relaybox.Smtp.Protocol;
using Relaybox.Smtp.Queue;
using Relaybox.Smtp.Relay;
using Serilog;

namespace Relaybox.Smtp.Server;

/// <summary>
/// One SMTP conversation: reads command lines, keeps the RFC 5321 state, answers from the <see cref="Replies"/>
/// catalog. This file holds the read loop and the simple commands; DATA/BDAT, AUTH and STARTTLS are in the
/// other parts of the class. Client mistakes become replies; only I/O and TLS failures end the session by exception.
/// </summary>
internal sealed partial class SmtpSession
{
    private readonly SmtpConnection _connection;
    private readonly SmtpSessionKind _kind;
    private readonly Func<SettingsSnapshot> _snapshot;
    private readonly IMessageSpool _spool;
    private readonly ILogger _log;
    private readonly SessionLineReader _lines;
    private bool _closing;
    private int _errors;
    private int _messages;
    private SessionState _state;
    private MailTransaction? _transaction;
    private string _heloName = string.Empty;
    private bool _extendedHello;
    private string? _login;
    private IReadOnlyList<string> _allowedSenders = [];
    private int? _messagesPerHour;

    public SmtpSession(SmtpConnection connection, SmtpSessionKind kind, Func<SettingsSnapshot> snapshot, IMessageSpool spool, ILogger log)
    {
        _connection = connection;
        _kind = kind;
        _snapshot = snapshot;
        _spool = spool;
        _log = log;
        _lines = new SessionLineReader(connection, snapshot().Settings.Limits.MaxCommandLineLength);
    }

    private IPAddress ClientAddress => _connection.RemoteAddress;

    private RelayClient RelayClient => new(ClientAddress, _login, _allowedSenders) { MessagesPerHour = _messagesPerHour };

    public async Task RunAsync()
    {
        try
        {
            if (_kind == SmtpSessionKind.Smtps && !await StartImplicitTlsAsync())
            {
                return;
            }

            Reply(_snapshot().Greeting);
            while (!_closing)
            {
                var settings = _snapshot().Settings;
                _connection.WriteTimeout = settings.Limits.CommandTimeout;
                var read = await _lines.ReadLineAsync(settings.Limits.MaxCommandLineLength, settings.Limits.CommandTimeout, settings.Limits.MaxAuthLineLength);
                if (!HandleReadProblem(read))
                {
                    continue;
                }

                var command = SmtpCommandParser.Parse(_lines.LineOf(read));
                await ExecuteAsync(command);
            }

            await _connection.FlushAsync();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or AuthenticationException or OperationCanceledException or InvalidOperationException)
        {
            _log.Information("Connection lost from {ClientAddress}: {Error}", ClientAddress, ex.Message);
        }
        finally
        {
            if (_transaction is not null)
            {
                await _transaction.DisposeAsync();
            }

            _lines.Dispose();
            _log.Information("Disconnect from {ClientAddress}: {Messages} messages, {Errors} errors", ClientAddress, _messages, _errors);
        }
    }

    /// <summary>
    /// Deals with everything that is not a command line: end of input, timeout, shutdown, overlong or bare-LF
    /// lines. Returns true when a line is ready to parse.
    /// </summary>
    private bool HandleReadProblem(LineRead read)
    {
        if (read.HasLine)
        {
            return true;
        }

        if (read.Cancel == ReadCancelReason.Timeout)
        {
            _log.Information("Timeout waiting for {ClientAddress}", ClientAddress);
            Reply(Replies.Timeout);
        }
        else if (read.Cancel == ReadCancelReason.Shutdown)
        {
            Reply(Replies.ShuttingDown);
        }
        else if (read.EndOfInput)
        {
            _closing = true;
        }
        else
        {
            ReplyError(read.Status == LineStatus.TooLong ? Replies.LineTooLong : Replies.BareLineFeed);
        }

        return false;
    }

    private async ValueTask ExecuteAsync(SmtpCommand command)
    {
        if (!command.IsValid && command.Verb != SmtpVerb.Auth)
        {
            ReplyError(Replies.For(command.Error));
            return;
        }

        switch (command.Verb)
        {
            case SmtpVerb.Ehlo:
            case SmtpVerb.Helo:
                await HelloAsync(command);
                break;
            case SmtpVerb.Mail:
                await MailAsync(command.Mail!);
                break;
            case SmtpVerb.Rcpt:
                Rcpt(command.Rcpt!);
                break;
            case SmtpVerb.Data:
                await DataAsync();
                break;
            case SmtpVerb.Bdat:
                await BdatAsync(command.ChunkSize, command.LastChunk);
                break;
            case SmtpVerb.Rset:
                await ResetTransactionAsync();
                Reply(Replies.Ok);
                break;
            case SmtpVerb.Noop:
                Reply(Replies.Ok);
                break;
            case SmtpVerb.Vrfy:
                // RFC 5321 section 3.5.3: 252 when the server will not verify; relaybox never reveals its users.
                Reply(Replies.CannotVerify);
                break;
            case SmtpVerb.Help:
                Reply(Replies.Help);
                break;
            case SmtpVerb.Quit:
                Reply(Replies.Bye);
                break;
            case SmtpVerb.StartTls:
                await StartTlsAsync();
                break;
            case SmtpVerb.Auth:
                await AuthAsync(command);
                break;
        }
    }

    private async ValueTask HelloAsync(SmtpCommand command)
    {
        // RFC 5321 section 4.1.4: HELO/EHLO in a transaction resets it, like RSET.
        await ResetTransactionAsync();
        _heloName = command.Domain!;
        _extendedHello = command.Verb == SmtpVerb.Ehlo;
        _state = SessionState.Greeted;
        var snapshot = _snapshot();
        if (!_extendedHello)
        {
            Reply(snapshot.HeloAccepted);
            return;
        }

        Reply(snapshot.Ehlo(OffersStartTls(snapshot.Settings), OffersAuth(snapshot), !_connection.TlsUnique.IsEmpty));
    }

    private bool OffersStartTls(SmtpServerSettings settings) =>
        _kind != SmtpSessionKind.Smtps && !_connection.IsTls && settings.CertificateSource() is not null;

    /// <summary>
    /// smtpd_tls_auth_only: no AUTH before TLS (RFC 4954 section 4 leaves this to the server), except for the
    /// legacy devices named in the configuration, which cannot speak TLS at all.
    /// </summary>
    private bool OffersAuth(SettingsSnapshot snapshot) =>
        snapshot.HasAuthMechanisms && (_connection.IsTls || !snapshot.Settings.AuthOnlyOverTls ||
                                       snapshot.Settings.AuthWithoutTlsForClient?.Invoke(ClientAddress) == true);

    private bool RequiresAuth => _kind != SmtpSessionKind.Smtp;

    private ValueTask MailAsync(MailParameters mail)
    {
        var settings = _snapshot().Settings;
        if (_state == SessionState.Connected)
        {
            ReplyError(Replies.NeedHelo);
        }
        else if (_transaction is not null)
        {
            ReplyError(Replies.NestedMail);
        }
        else if (RequiresAuth && _login is null)
        {
            // RFC 6409 section 4.1 / RFC 4954 section 6: submission needs authentication first.
            ReplyError(Replies.AuthRequired);
        }
        else if (mail.DeclaredSize > settings.Limits.MaxMessageSize)
        {
            // RFC 1870 section 6.1: refuse at MAIL when the declared size is already too big.
            ReplyError(Replies.MessageTooBig);
        }
        else
        {
            var decision = settings.RelayPolicy.CheckSender(RelayClient, mail.Sender);
            if (decision.Verdict != RelayVerdict.Permit)
            {
                ReplyPolicyRefusal(decision, "sender " + (mail.Sender?.ToString() ?? "<>"));
            }
            else
            {
                _transaction = new MailTransaction(mail);
                _state = SessionState.MailGiven;
                Reply(Replies.SenderOk);
            }
        }

        return ValueTask.CompletedTask;
    }

    private void Rcpt(RcptParameters rcpt)
    {
        var settings = _snapshot().Settings;
        if (_transaction is null)
        {
            ReplyError(_state == SessionState.Connected ? Replies.NeedHelo : Replies.NeedMail);
            return;
        }

        if (_transaction.Recipients.Count >= settings.Limits.MaxRecipients)
        {
            // RFC 5321 section 4.5.3.1.10: 452 so the client sends the rest in another transaction.
            ReplyError(Replies.TooManyRecipients);
            return;
        }

        if (!_transaction.Mail.SmtpUtf8 && !System.Text.Ascii.IsValid(rcpt.Recipient.ToString()))
        {
            ReplyError(Replies.NonAsciiAddress);
            return;
        }

        var decision = settings.RelayPolicy.CheckRecipient(RelayClient, _transaction.Mail.Sender, rcpt.Recipient);
        if (decision.Verdict != RelayVerdict.Permit)
        {
            ReplyPolicyRefusal(decision, "recipient " + rcpt.Recipient);
            return;
        }

        _transaction.Recipients.Add(new EnvelopeRecipient(rcpt.Recipient.ToString(), rcpt.Notify, rcpt.OriginalRecipient));
        _state = SessionState.RecipientGiven;
        Reply(Replies.RecipientOk);
    }

    private void ReplyPolicyRefusal(RelayDecision decision, string what)
    {
        var reply = Replies.For(decision.Reason);
        if (decision.Verdict == RelayVerdict.Defer && reply.Code >= 500)
        {
            reply = Replies.TryAgainLater;
        }

        _log.Information("Rejected {What} from {ClientAddress}: {Reason}", what, ClientAddress, decision.Reason.ToString());
        ReplyError(reply);
    }

    private async ValueTask ResetTransactionAsync()
    {
        if (_transaction is not null)
        {
            await _transaction.DisposeAsync();
            _transaction = null;
        }

        if (_state > SessionState.Greeted)
        {
            _state = SessionState.Greeted;
        }
    }

    /// <summary>Queues a reply; it is flushed when no further command is buffered (RFC 2920 section 3.1).</summary>
    private void Reply(SmtpReply reply)
    {
        _connection.Write(reply);
        if (reply.CloseConnection)
        {
            _closing = true;
        }
    }

    /// <summary>
    /// A refusal: a 5xx (or a 4xx marked <paramref name="countsAsError"/>) counts against the error limit, and
    /// past it the session ends with 421.
    /// </summary>
    private void ReplyError(SmtpReply reply, bool countsAsError = false)
    {
        Reply(reply);
        if ((reply.Code >= 500 || countsAsError) && ++_errors >= _snapshot().Settings.Limits.MaxErrors && !_closing)
        {
            _log.Information("Too many errors from {ClientAddress}", ClientAddress);
            Reply(Replies.TooManyErrors);
        }
    }
}
