namespace Relaybox.Appliance.Hosting;

/// <summary>The outcome of describing or changing the TLS pair: the certificate now in the files, or why not (files untouched).</summary>
public sealed record TlsChangeResult(TlsCertificateInfo? Certificate, string? Problem)
{
    public bool Succeeded => Certificate is not null;

    public static TlsChangeResult Done(TlsCertificateInfo certificate) => new(certificate, null);

    public static TlsChangeResult Refused(string problem) => new(null, problem);
}
