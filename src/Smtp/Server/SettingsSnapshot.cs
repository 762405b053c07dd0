using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Relaybox.Smtp.Protocol;

namespace Relaybox.Smtp.Server;

/// <summary>
/// One <see cref="SmtpServerSettings"/> with the replies derived from it, built once when the settings are
/// installed: the greeting, the HELO answer and the eight EHLO answers (STARTTLS, AUTH and -PLUS mechanisms each
/// offered or not).
/// </summary>
internal sealed class SettingsSnapshot
{
    private readonly SmtpReply[] _ehlo = new SmtpReply[8];
    private CachedCertificate? _certificate;

    public SettingsSnapshot(SmtpServerSettings settings)
    {
        Settings = settings;
        Greeting = Replies.Greeting(settings.HostName);
        HeloAccepted = Replies.HeloAccepted(settings.HostName);
        HasAuthMechanisms = EhloKeywords.AdvertisedMechanisms(settings).Length > 0 && settings.MechanismFactory is not null;
        for (int i = 0; i < _ehlo.Length; i++)
        {
            _ehlo[i] = Replies.EhloAccepted(settings.HostName,
                EhloKeywords.For(settings, offerStartTls: (i & 1) != 0, offerAuth: (i & 2) != 0, offerChannelBinding: (i & 4) != 0));
        }
    }

    public SmtpServerSettings Settings { get; }

    public SmtpReply Greeting { get; }

    public SmtpReply HeloAccepted { get; }

    /// <summary>At least one mechanism survives the security options and a factory exists to run it.</summary>
    public bool HasAuthMechanisms { get; }

    public SmtpReply Ehlo(bool offerStartTls, bool offerAuth, bool offerChannelBinding) =>
        _ehlo[(offerStartTls ? 1 : 0) | (offerAuth ? 2 : 0) | (offerChannelBinding ? 4 : 0)];

    /// <summary>
    /// The TLS context for a certificate, built once: without it every handshake would build and check the
    /// certificate chain again, the largest CPU cost of a cron-style connection after the key exchange.
    /// A certificate swapped by a reload is a new object and gets a new context.
    /// </summary>
    public SslStreamCertificateContext CertificateContext(X509Certificate2 certificate)
    {
        var cached = Volatile.Read(ref _certificate);
        if (cached is not null && ReferenceEquals(cached.Certificate, certificate))
        {
            return cached.Context;
        }

        var fresh = new CachedCertificate(certificate, SslStreamCertificateContext.Create(certificate, additionalCertificates: null, offline: true));
        Volatile.Write(ref _certificate, fresh);
        return fresh.Context;
    }

    private sealed record CachedCertificate(X509Certificate2 Certificate, SslStreamCertificateContext Context);
}
