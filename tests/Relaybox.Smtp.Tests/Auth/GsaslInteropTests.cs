using System.Diagnostics;
using Relaybox.Smtp.Auth;

namespace Relaybox.Smtp.Tests.Auth;

/// <summary>
/// A SASL client nobody here wrote — GNU SASL's gsasl, the library msmtp uses — runs each mechanism
/// against the server side over its stdin/stdout: base64 lines, one per step. gsasl checks the server's
/// proofs (SCRAM "v=", DIGEST-MD5 "rspauth="), so its exit code 0 means both sides agreed.
/// gsasl 2.2 binds channels with tls-unique/tls-exporter only, so -PLUS is not exercised here.
/// </summary>
public sealed class GsaslInteropTests
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(20);

    private static readonly UserDatabase Users = UserDatabase.Empty.WithUser(UserRecord.Create(
        "printer", "toner-42", new CredentialOptions { StoreScramSha1 = true, StorePlaintextEquivalent = true }));

    [Theory]
    [InlineData("SCRAM-SHA-256")]
    [InlineData("SCRAM-SHA-1")]
    [InlineData("DIGEST-MD5")]
    [InlineData("CRAM-MD5")]
    [InlineData("PLAIN")]
    [InlineData("LOGIN")]
    public async Task GsaslAuthenticatesWithTheRightPassword(string mechanismName)
    {
        (SaslStep verdict, string? login, int exitCode) = await RunAsync(mechanismName, "toner-42");

        Assert.Equal(SaslOutcome.Success, verdict.Outcome);
        Assert.Equal("printer", login);
        Assert.Equal(0, exitCode);
    }

    [Theory]
    [InlineData("SCRAM-SHA-256")]
    [InlineData("DIGEST-MD5")]
    [InlineData("CRAM-MD5")]
    [InlineData("PLAIN")]
    public async Task GsaslIsRefusedWithAWrongPassword(string mechanismName)
    {
        (SaslStep verdict, string? login, _) = await RunAsync(mechanismName, "toner-43");

        Assert.Equal(SaslFailureReason.InvalidCredentials, verdict.Reason);
        Assert.Null(login);
    }

    private static async Task<(SaslStep Verdict, string? Login, int ExitCode)> RunAsync(string mechanismName, string password)
    {
        var start = new ProcessStartInfo("gsasl")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[]
        {
            "--client", "--quiet", "--no-cb", "--mechanism", mechanismName, "--authentication-id", "printer",
            "--password", password, "--service", "smtp", "--hostname", "relay.example", "--realm", "relay.example",
            "--quality-of-protection", "qop-auth",
        })
        {
            start.ArgumentList.Add(argument);
        }

        using Process gsasl = Process.Start(start) ?? throw new InvalidOperationException("gsasl did not start");
        using var mechanism = SaslMechanisms.Create(mechanismName, SaslTestContext.With(Users, serverName: "relay.example"))!;
        Assert.Equal(mechanismName, await ReadLineAsync(gsasl));

        string clientFirst = await ReadLineAsync(gsasl);
        SaslStep step = mechanism.Start(clientFirst.Length > 0, Convert.FromBase64String(clientFirst));
        while (step.Outcome == SaslOutcome.Challenge)
        {
            await gsasl.StandardInput.WriteLineAsync(Convert.ToBase64String(step.Challenge!));
            await gsasl.StandardInput.FlushAsync();
            step = mechanism.Continue(Convert.FromBase64String(await ReadLineAsync(gsasl)));
        }

        // gsasl reads one more (empty) line for the server's outcome before it exits with 0.
        await gsasl.StandardInput.WriteLineAsync();
        gsasl.StandardInput.Close();
        using var exit = new CancellationTokenSource(StepTimeout);
        await gsasl.WaitForExitAsync(exit.Token);
        return (step, mechanism.AuthenticatedLogin, gsasl.ExitCode);
    }

    private static async Task<string> ReadLineAsync(Process gsasl)
    {
        using var timeout = new CancellationTokenSource(StepTimeout);
        string? line = await gsasl.StandardOutput.ReadLineAsync(timeout.Token);
        return line ?? throw new Xunit.Sdk.XunitException("gsasl ended early: " + await gsasl.StandardError.ReadToEndAsync());
    }
}
