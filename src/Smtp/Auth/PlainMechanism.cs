namespace Relaybox.Smtp.Auth;

/// <summary>
/// PLAIN (RFC 4616): one client message, <c>[authzid] NUL authcid NUL password</c>. Without an initial
/// response the server sends an empty challenge first (RFC 4954 section 4).
/// </summary>
public sealed class PlainMechanism(SaslContext context) : SaslServerMechanism
{
    /// <summary>RFC 4616 section 2: each field MUST be accepted up to 255 octets; longer fields are refused.</summary>
    private const int MaxFieldOctets = 255;

    private bool _awaitingMessage = true;

    public override string Name => SaslMechanisms.Plain;

    public override SaslStep Start(bool hasInitialResponse, ReadOnlySpan<byte> initialResponse) =>
        hasInitialResponse ? Verify(initialResponse) : SaslStep.Continue([]);

    public override SaslStep Continue(ReadOnlySpan<byte> response) => Verify(response);

    public override void Reset()
    {
        base.Reset();
        _awaitingMessage = true;
    }

    private SaslStep Verify(ReadOnlySpan<byte> message)
    {
        if (!_awaitingMessage)
        {
            return SaslStep.Fail(SaslFailureReason.MalformedResponse);
        }

        _awaitingMessage = false;
        int first = message.IndexOf((byte)0);
        if (first < 0)
        {
            return SaslStep.Fail(SaslFailureReason.MalformedResponse);
        }

        ReadOnlySpan<byte> authorizationIdentity = message[..first];
        ReadOnlySpan<byte> rest = message[(first + 1)..];
        int second = rest.IndexOf((byte)0);
        if (second < 0)
        {
            return SaslStep.Fail(SaslFailureReason.MalformedResponse);
        }

        ReadOnlySpan<byte> authenticationIdentity = rest[..second];
        ReadOnlySpan<byte> password = rest[(second + 1)..];
        if (authenticationIdentity.IsEmpty || authenticationIdentity.Length > MaxFieldOctets
            || password.IsEmpty || password.Length > MaxFieldOctets || password.Contains((byte)0)
            || authorizationIdentity.Length > MaxFieldOctets
            || !SaslText.TryGetUtf8(authenticationIdentity, out string? login)
            || !SaslText.TryGetUtf8(password, out _)
            || !SaslText.TryGetUtf8(authorizationIdentity, out _))
        {
            return SaslStep.Fail(SaslFailureReason.MalformedResponse);
        }

        // RFC 4616 section 2: an authzid asks to act as someone else; relaybox has no proxy rights, so only
        // an empty authzid or the login itself is acceptable.
        if (!authorizationIdentity.IsEmpty && !authorizationIdentity.SequenceEqual(authenticationIdentity))
        {
            return SaslStep.Fail(SaslFailureReason.AuthorizationIdentityRefused);
        }

        SaslFailureReason result = context.Credentials.VerifyPassword(login, password);
        if (result != SaslFailureReason.None)
        {
            return SaslStep.Fail(result);
        }

        AuthenticatedLogin = login;
        return SaslStep.Succeeded;
    }
}
