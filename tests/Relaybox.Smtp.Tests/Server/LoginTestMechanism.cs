using System.Text;
using Relaybox.Smtp.Auth;

namespace Relaybox.Smtp.Tests.Server;

/// <summary>LOGIN (two challenges: user name, then password) against alice / secret: drives multi-step AUTH.</summary>
internal sealed class LoginTestMechanism : SaslServerMechanism
{
    private string? _user;

    public override string Name => "LOGIN";

    public override SaslStep Start(bool hasInitialResponse, ReadOnlySpan<byte> initialResponse)
    {
        if (hasInitialResponse)
        {
            _user = Encoding.UTF8.GetString(initialResponse);
            return SaslStep.Continue("Password:"u8.ToArray());
        }

        return SaslStep.Continue("Username:"u8.ToArray());
    }

    public override SaslStep Continue(ReadOnlySpan<byte> response)
    {
        if (_user is null)
        {
            _user = Encoding.UTF8.GetString(response);
            return SaslStep.Continue("Password:"u8.ToArray());
        }

        if (_user != PlainTestMechanism.Login || Encoding.UTF8.GetString(response) != PlainTestMechanism.Password)
        {
            return SaslStep.Fail(SaslFailureReason.InvalidCredentials);
        }

        AuthenticatedLogin = _user;
        return SaslStep.Succeeded;
    }

    public override void Reset()
    {
        _user = null;
        base.Reset();
    }
}
