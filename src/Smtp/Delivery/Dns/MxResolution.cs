namespace Relaybox.Smtp.Delivery.Dns;

/// <summary>
/// The result of <see cref="MxResolver.ResolveAsync"/>. <see cref="Hosts"/> is filled for
/// <see cref="MxResolutionKind.Hosts"/> and <see cref="MxResolutionKind.ImplicitMx"/> and empty otherwise;
/// <see cref="Detail"/> explains the outcome for the log and for a bounce.
/// </summary>
public sealed record MxResolution(MxResolutionKind Kind, IReadOnlyList<MxHost> Hosts, string Detail)
{
    public bool IsPermanentFailure => Kind is MxResolutionKind.NullMx or MxResolutionKind.NoSuchDomain or MxResolutionKind.NoMailHost;

    public static MxResolution Failure(MxResolutionKind kind, string detail) => new(kind, [], detail);
}
