using Relaybox.Smtp.Auth;
using Relaybox.Smtp.Protocol;

namespace Relaybox.Smtp.Server;

/// <summary>
/// AUTH (RFC 4954). The session owns base64, "*" cancellation and the 334/235/535 replies; the mechanism sees
/// decoded bytes only. AUTH lines are never logged and the line buffer is cleared after each one: they carry passwords.
/// </summary>
internal sealed partial class SmtpSession
{
    private async ValueTask AuthAsync(SmtpCommand command)
    {
        _lines.Clear(); // the AUTH line may hold an initial response with a password
        var snapshot = _snapshot();
        var settings = snapshot.Settings;
        var refusal = CheckAuthAllowed(snapshot, command);
        if (refusal is not null)
        {
            Clear(command.InitialResponse);
            ReplyError(refusal);
            return;
        }

        if (settings.AuthThrottle?.IsLockedOut(ClientAddress) == true)
        {
            Clear(command.InitialResponse);
            _log.Information("AUTH refused for locked-out {ClientAddress}", ClientAddress);
            ReplyError(Replies.AuthLockedOut, countsAsError: true); // so a client that keeps trying is disconnected
            return;
        }

        var channelBinding = _connection.IsTls && _connection.TlsCertificate is { } certificate && settings.ChannelBindingSource is { } binding
            ? binding(certificate)
            : [];
        var context = new SaslContext(settings.Credentials ?? EmptyCredentialStore.Instance, settings.HostName, channelBinding)
        {
            TlsUnique = _connection.TlsUnique,
            // RFC 5802 section 6: a client that could have bound says so ("y"); refused when -PLUS was offered.
            PlusAdvertised = !_connection.TlsUnique.IsEmpty && settings.IsMechanismAllowed(SaslMechanisms.ScramSha256Plus),
        };
        using var mechanism = settings.MechanismFactory!(command.Mechanism!, context);
        if (mechanism is null)
        {
            Clear(command.InitialResponse);
            ReplyError(Replies.UnknownMechanism);
            return;
        }

        var step = mechanism.Start(command.InitialResponse is not null, command.InitialResponse);
        Clear(command.InitialResponse);
        while (step.Outcome == SaslOutcome.Challenge)
        {
            _connection.Write(Replies.AuthChallenge(step.Challenge ?? []));
            var read = await _lines.ReadLineAsync(settings.Limits.MaxAuthLineLength, settings.Limits.CommandTimeout);
            if (!read.HasLine)
            {
                HandleReadProblem(read);
                return;
            }

            var line = _lines.LineOf(read);
            if (line.Length == 1 && line[0] == (byte)'*')
            {
                ReplyError(Replies.AuthCancelled); // RFC 4954 section 4
                return;
            }

            bool decoded = SaslBase64.TryDecode(line, out var response);
            line.Clear();
            if (!decoded)
            {
                ReplyError(Replies.AuthBadBase64);
                return;
            }

            step = mechanism.Continue(response);
            Clear(response);
        }

        if (step.Outcome == SaslOutcome.Success && mechanism.AuthenticatedLogin is { } login)
        {
            _login = login;
            var user = settings.Credentials?.Find(login);
            _allowedSenders = user?.AllowedSenders ?? [];
            _messagesPerHour = user?.MessagesPerHour;
            settings.AuthThrottle?.RecordSuccess(ClientAddress);
            _log.Information("AUTH ok {Login} {Mechanism} from {ClientAddress}", login, mechanism.Name, ClientAddress);
            Reply(Replies.AuthSucceeded);
            return;
        }

        if (step.Reason == SaslFailureReason.MalformedResponse)
        {
            ReplyError(Replies.AuthBadBase64);
            return;
        }

        var delay = settings.AuthThrottle?.RecordFailure(ClientAddress) ?? TimeSpan.Zero;
        _log.Information("AUTH failed {Mechanism} from {ClientAddress}: {Reason}", mechanism.Name, ClientAddress, step.Reason.ToString());
        if (delay > TimeSpan.Zero)
        {
            // The delay comes before the answer so a guesser cannot pipeline attempts past it.
            await _connection.FlushAsync();
            await Task.Delay(delay, _connection.Time);
        }

        ReplyError(Replies.AuthFailed);
    }

    /// <summary>The state checks of RFC 4954 section 4 and 6, in the order a client would want to hear them.</summary>
    private SmtpReply? CheckAuthAllowed(SettingsSnapshot snapshot, SmtpCommand command)
    {
        if (_state == SessionState.Connected)
        {
            return Replies.NeedHelo;
        }

        if (_login is not null)
        {
            return Replies.AlreadyAuthenticated;
        }

        if (_transaction is not null)
        {
            return Replies.AuthInTransaction;
        }

        if (!snapshot.HasAuthMechanisms)
        {
            return Replies.AuthNotAvailable;
        }

        if (!OffersAuth(snapshot))
        {
            return Replies.EncryptionRequired; // RFC 4954 section 6: 538 5.7.11
        }

        if (!command.IsValid)
        {
            return Replies.For(command.Error);
        }

        return snapshot.Settings.IsMechanismAllowed(command.Mechanism!) ? null : Replies.UnknownMechanism;
    }

    private static void Clear(byte[]? secret)
    {
        if (secret is not null)
        {
            Array.Clear(secret);
        }
    }
}
