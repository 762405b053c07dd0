using System.Text;

namespace Relaybox.Smtp.Delivery.Client;

/// <summary>
/// LOGIN (draft-murchison-sasl-login): the login, then the password, each answering one challenge. The
/// challenge texts ("Username:", "Password:") vary between servers, so only their order counts.
/// </summary>
public sealed class LoginClient(UpstreamCredentials credentials) : SaslClientMechanism
{
    private int _step;

    public override string Name => "LOGIN";

    public override bool SendsPasswordInClear => true;

    public override byte[]? InitialResponse() => null;

    public override byte[]? Respond(ReadOnlySpan<byte> challenge) => _step++ switch
    {
        0 => Encoding.UTF8.GetBytes(credentials.Login),
        1 => Encoding.UTF8.GetBytes(credentials.Password),
        _ => null,
    };
}
