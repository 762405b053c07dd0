using Relaybox.Smtp.Delivery.Client;

namespace Relaybox.Smtp.Tests.Delivery.Client;

public sealed class ClientTimeoutsTests
{
    [Fact]
    public void DefaultsAreTheMinimumsOfRfc5321Section4532()
    {
        ClientTimeouts t = ClientTimeouts.Default;

        Assert.Equal(
            [TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(10)],
            [t.Greeting, t.Mail, t.Rcpt, t.DataInitiation, t.DataBlock, t.DataTermination]);
    }
}
