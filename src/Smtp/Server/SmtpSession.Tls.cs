using Relaybox.Smtp.Protocol;

namespace Relaybox.Smtp.Server;

/// <summary>STARTTLS (RFC 3207) and implicit TLS (RFC 8314 section 3.3).</summary>
internal sealed partial class SmtpSession
{
    private async ValueTask StartTlsAsync()
    {
        var snapshot = _snapshot();
        var settings = snapshot.Settings;
        if (_connection.IsTls)
        {
            ReplyError(Replies.TlsAlreadyActive);
            return;
        }

        var certificate = settings.CertificateSource();
        if (certificate is null)
        {
            Reply(Replies.TlsNotAvailable);
            return;
        }

        Reply(Replies.ReadyToStartTls);
        await _connection.UpgradeToTlsAsync(settings.TlsOptions(snapshot.CertificateContext(certificate), ClientAddress), settings.Limits.CommandTimeout);
        LogTls();

        // RFC 3207 section 4.2: the server must discard any knowledge obtained from the client before TLS,
        // the HELO name and any authentication included; the client has to send EHLO again.
        await ResetTransactionAsync();
        _state = SessionState.Connected;
        _heloName = string.Empty;
        _extendedHello = false;
        _login = null;
        _allowedSenders = [];
        _messagesPerHour = null;
        _lines.ForgetPartialLine();
    }

    private async ValueTask<bool> StartImplicitTlsAsync()
    {
        var snapshot = _snapshot();
        var settings = snapshot.Settings;
        var certificate = settings.CertificateSource();
        if (certificate is null)
        {
            _log.Warning("No TLS certificate: refusing implicit-TLS connection from {ClientAddress}", ClientAddress);
            return false;
        }

        await _connection.UpgradeToTlsAsync(settings.TlsOptions(snapshot.CertificateContext(certificate), ClientAddress), settings.Limits.CommandTimeout);
        LogTls();
        return true;
    }

    private void LogTls() =>
        _log.Information("TLS established with {ClientAddress}: {TlsProtocol} {TlsCipher}", ClientAddress, ReceivedHeader.TlsProtocolName(_connection.TlsProtocol), _connection.TlsCipherSuite.ToString());
}
