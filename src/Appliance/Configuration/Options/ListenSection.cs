using System.Net;

namespace Relaybox.Appliance.Configuration.Options;

/// <summary>
/// [listen]: null = that listener is off. "*:port" binds <see cref="IPAddress.IPv6Any"/>, meant as a dual-stack
/// socket (IPv4 clients appear as IPv4-mapped addresses); a host without IPv6 falls back to <see cref="IPAddress.Any"/>.
/// </summary>
public sealed record ListenSection(IPEndPoint? Smtp, IPEndPoint? Submission, IPEndPoint? Smtps)
{
    public bool AnyEnabled => Smtp is not null || Submission is not null || Smtps is not null;
}
