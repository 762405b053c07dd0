namespace Relaybox.Smtp.Auth;

/// <summary>
/// LOGIN (draft-murchison-sasl-login): the server asks "Username:" then "Password:", the client answers
/// each. Obsolete but still the only mechanism many printers and scanners speak. An initial response,
/// when present, is the username (what Outlook and others send).
/// </summary>
public sealed class LoginMechanism(SaslContext context) : SaslServerMechanism
{
    /// <summary>Same per-field bound as PLAIN (RFC 4616 section 2), so LOGIN is no cheaper route to a huge PBKDF2 input.</summary>
    private const int MaxFieldOctets = 255;

    private static readonly byte[] UsernameChallenge = "Username:"u8.ToArray();
    private static readonly byte[] PasswordChallenge = "Password:"u8.ToArray();

    private enum Step
    {
        AwaitingUsername,
        AwaitingPassword,
        Done,
    }

    private Step _step = Step.AwaitingUsername;
    private string? _login;

    public override string Name => SaslMechanisms.Login;

    public override SaslStep Start(bool hasInitialResponse, ReadOnlySpan<byte> initialResponse) =>
        hasInitialResponse ? Continue(initialResponse) : SaslStep.Continue(UsernameChallenge);

    public override SaslStep Continue(ReadOnlySpan<byte> response)
    {
        switch (_step)
        {
            case Step.AwaitingUsername:
                if (response.IsEmpty || response.Length > MaxFieldOctets || !SaslText.TryGetUtf8(response, out _login))
                {
                    return Finish(SaslFailureReason.MalformedResponse);
                }

                _step = Step.AwaitingPassword;
                return SaslStep.Continue(PasswordChallenge);
            case Step.AwaitingPassword:
                if (response.IsEmpty || response.Length > MaxFieldOctets || !SaslText.TryGetUtf8(response, out _))
                {
                    return Finish(SaslFailureReason.MalformedResponse);
                }

                SaslFailureReason result = context.Credentials.VerifyPassword(_login!, response);
                if (result != SaslFailureReason.None)
                {
                    return Finish(result);
                }

                AuthenticatedLogin = _login;
                _step = Step.Done;
                return SaslStep.Succeeded;
            default:
                return SaslStep.Fail(SaslFailureReason.MalformedResponse);
        }
    }

    public override void Reset()
    {
        base.Reset();
        _step = Step.AwaitingUsername;
        _login = null;
    }

    private SaslStep Finish(SaslFailureReason reason)
    {
        _step = Step.Done;
        return SaslStep.Fail(reason);
    }
}
