using System.Text;
using Relaybox.Smtp.Protocol;

namespace Relaybox.Smtp.Tests.Relay;

/// <summary>Parses paths the way the SMTP session does, failing the test on a syntax error.</summary>
internal static class Addresses
{
    public static MailboxAddress Parse(string path, bool smtpUtf8 = false)
    {
        Assert.True(
            MailboxAddress.TryParse(Encoding.UTF8.GetBytes(path), smtpUtf8, out var address, out var error),
            $"{path} did not parse: {error}");
        return address!;
    }
}
