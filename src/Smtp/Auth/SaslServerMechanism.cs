namespace Relaybox.Smtp.Auth;

/// <summary>
/// The server side of one SASL mechanism for one AUTH exchange. The SMTP layer owns base64, "*"
/// cancellation and the 334/235/535 replies; a mechanism sees decoded bytes only.
/// </summary>
public abstract class SaslServerMechanism : IDisposable
{
    /// <summary>The IANA mechanism name, e.g. "SCRAM-SHA-256".</summary>
    public abstract string Name { get; }

    /// <summary>The login that authenticated; null until <see cref="SaslOutcome.Success"/>.</summary>
    public string? AuthenticatedLogin { get; protected set; }

    /// <summary>
    /// First step. <paramref name="hasInitialResponse"/> is false when AUTH carried no initial response
    /// (RFC 4954 section 4); "=" on the AUTH line is an empty initial response.
    /// </summary>
    public abstract SaslStep Start(bool hasInitialResponse, ReadOnlySpan<byte> initialResponse);

    /// <summary>Every later step, with the client's decoded answer to the last challenge.</summary>
    public abstract SaslStep Continue(ReadOnlySpan<byte> response);

    /// <summary>Forgets the exchange and zeroes any secret material it held.</summary>
    public virtual void Reset() => AuthenticatedLogin = null;

    public void Dispose()
    {
        Reset();
        GC.SuppressFinalize(this);
    }
}
