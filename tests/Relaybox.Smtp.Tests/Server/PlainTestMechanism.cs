using System.Text;
using Relaybox.Smtp.Auth;

namespace Relaybox.Smtp.Tests.Server;

/// <summary>PLAIN (RFC 4616) against one fixed user, alice / secret: enough to drive the AUTH state machine.</summary>
internal sealed class PlainTestMechanism : SaslServerMechanism
{
    public const string Login = "alice";
    public const string Password = "secret";

    public override string Name => "PLAIN";

    public override SaslStep Start(bool hasInitialResponse, ReadOnlySpan<byte> initialResponse) =>
        hasInitialResponse ? Check(initialResponse) : SaslStep.Continue([]);

    public override SaslStep Continue(ReadOnlySpan<byte> response) => Check(response);

    public static string InitialResponse(string login, string password) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes("\0" + login + "\0" + password));

    private SaslStep Check(ReadOnlySpan<byte> message)
    {
        var parts = Encoding.UTF8.GetString(message).Split('\0');
        if (parts.Length != 3)
        {
            return SaslStep.Fail(SaslFailureReason.MalformedResponse);
        }

        if (parts[1] != Login || parts[2] != Password)
        {
            return SaslStep.Fail(SaslFailureReason.InvalidCredentials);
        }

        AuthenticatedLogin = Login;
        return SaslStep.Succeeded;
    }
}
