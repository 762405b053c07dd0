using System.Security.Cryptography;
using Relaybox.Smtp.Auth;
using static Relaybox.Smtp.Tests.Auth.SaslTestContext;

namespace Relaybox.Smtp.Tests.Auth;

public sealed class ScramSha256PlusMechanismTests
{
    private const string Gs2Header = "p=tls-server-end-point,,";
    private const string ClientFirstBare = "n=user,r=clientnonce";

    private static readonly UserDatabase Users = UserDatabase.Empty.WithUser(ScramUser("user", "pencil"));
    private static readonly byte[] ThisConnection = SHA256.HashData(Bytes("the server's certificate"));

    private static ScramSha256PlusMechanism Server(byte[] channelBinding) => new(With(Users, channelBinding: channelBinding));

    [Fact]
    public void AClientBoundToThisConnectionAuthenticates()
    {
        using var scram = Server(ThisConnection);
        string serverFirst = Text(scram.Start(true, Bytes(Gs2Header + ClientFirstBare)).Challenge);
        (string clientFinal, string expected) = ScramTestClient.Finish(
            HashAlgorithmName.SHA256, "pencil", ClientFirstBare, serverFirst, [.. Bytes(Gs2Header), .. ThisConnection]);

        Assert.Equal(expected, Text(scram.Continue(Bytes(clientFinal)).Challenge));
        Assert.Equal(SaslOutcome.Success, scram.Continue([]).Outcome);
        Assert.Equal("user", scram.AuthenticatedLogin);
    }

    [Fact]
    public void AClientBoundToAnotherConnectionIsRefused()
    {
        using var scram = Server(ThisConnection);
        string serverFirst = Text(scram.Start(true, Bytes(Gs2Header + ClientFirstBare)).Challenge);
        byte[] otherConnection = SHA256.HashData(Bytes("a man in the middle's certificate"));
        (string clientFinal, _) = ScramTestClient.Finish(
            HashAlgorithmName.SHA256, "pencil", ClientFirstBare, serverFirst, [.. Bytes(Gs2Header), .. otherConnection]);

        Assert.Equal(SaslFailureReason.ChannelBindingMismatch, scram.Continue(Bytes(clientFinal)).Reason);
    }

    [Theory]
    [InlineData(true, SaslOutcome.Challenge)]
    [InlineData(false, SaslOutcome.Failure)]
    public void OnTls12AClientBoundWithTlsUniqueAuthenticatesOnlyWithThisConnectionsData(bool sameConnection, SaslOutcome outcome)
    {
        byte[] finished = Bytes("12 bytes tls");
        var context = With(Users, channelBinding: ThisConnection) with { TlsUnique = finished };
        using var scram = new ScramSha256PlusMechanism(context);
        const string uniqueHeader = "p=tls-unique,,";
        string serverFirst = Text(scram.Start(true, Bytes(uniqueHeader + ClientFirstBare)).Challenge);
        byte[] bound = sameConnection ? finished : Bytes("other finish");
        (string clientFinal, string expected) = ScramTestClient.Finish(
            HashAlgorithmName.SHA256, "pencil", ClientFirstBare, serverFirst, [.. Bytes(uniqueHeader), .. bound]);

        var step = scram.Continue(Bytes(clientFinal));

        Assert.Equal(outcome, step.Outcome);
        if (sameConnection)
        {
            Assert.Equal(expected, Text(step.Challenge));
        }
        else
        {
            Assert.Equal(SaslFailureReason.ChannelBindingMismatch, step.Reason);
        }
    }

    [Theory]
    [InlineData("n,,")]
    [InlineData("y,,")]
    [InlineData("p=tls-unique,,")]
    [InlineData("p=tls-exporter,,")]
    public void WithoutDataForTheNamedBindingThePlusMechanismRefuses(string gs2Header)
    {
        using var scram = Server(ThisConnection);

        Assert.Equal(SaslFailureReason.ChannelBindingMismatch, scram.Start(true, Bytes(gs2Header + ClientFirstBare)).Reason);
    }

    [Fact]
    public void WithoutTlsThereIsNothingToBindToAndThePlusMechanismRefuses()
    {
        using var scram = Server([]);

        Assert.Equal(SaslFailureReason.ChannelBindingMismatch, scram.Start(true, Bytes(Gs2Header + ClientFirstBare)).Reason);
    }
}
