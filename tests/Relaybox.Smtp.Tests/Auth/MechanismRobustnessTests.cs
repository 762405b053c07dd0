using Relaybox.Smtp.Auth;
using static Relaybox.Smtp.Tests.Auth.SaslTestContext;

namespace Relaybox.Smtp.Tests.Auth;

/// <summary>
/// Client mistakes are values: whatever bytes a client sends, in whatever order, a mechanism answers
/// with a step and never throws. Inputs are RFC example messages mutated by a seeded generator.
/// </summary>
public sealed class MechanismRobustnessTests
{
    private static readonly string[] Seeds =
    [
        "\0tim\0tanstaaftanstaaf",
        "tim b913a602c7eda7a495b4e6e7334d3890",
        "charset=utf-8,username=\"chris\",realm=\"relay.example\",nonce=\"servernonce\",nc=00000001,cnonce=\"x\",digest-uri=\"smtp/h\",response=d388dad90d4bbd760a152321f2143af7,qop=auth",
        "n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL",
        "p=tls-server-end-point,a=user,n=user,r=abc",
        "c=biws,r=fyko+d2lbbFgONRv9qkxdawLservernonce,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=",
    ];

    private static readonly UserDatabase Users = UserDatabase.Empty
        .WithUser(PlaintextEquivalentUser("user", "pencil"))
        .WithUser(PlaintextEquivalentUser("tim", "tanstaaftanstaaf"))
        .WithUser(PlaintextEquivalentUser("chris", "secret"));

    [Fact]
    public void MutatedMessagesNeverMakeAMechanismThrow()
    {
        var random = new Random(20261122);
        SaslContext context = With(Users, channelBinding: [1, 2, 3]) with { PlusAdvertised = true };
        int failures = 0;
        for (int round = 0; round < 300; round++)
        {
            foreach (string name in SaslMechanisms.Known)
            {
                using SaslServerMechanism mechanism = SaslMechanisms.Create(name, context)!;
                SaslStep step = mechanism.Start(random.Next(2) == 0, Mutate(random));
                for (int exchange = 0; exchange < 4 && step.Outcome == SaslOutcome.Challenge; exchange++)
                {
                    step = mechanism.Continue(Mutate(random));
                }

                failures += step.Outcome == SaslOutcome.Failure ? 1 : 0;
                Assert.True(step.Outcome != SaslOutcome.Failure || step.Reason != SaslFailureReason.None);
            }
        }

        // Random bytes must essentially never authenticate anyone.
        Assert.True(failures > 300 * SaslMechanisms.Known.Count * 9 / 10, $"only {failures} failures");
    }

    private static byte[] Mutate(Random random)
    {
        byte[] bytes = Bytes(Seeds[random.Next(Seeds.Length)]);
        int edits = random.Next(4);
        var list = bytes.ToList();
        for (int i = 0; i < edits && list.Count > 0; i++)
        {
            int at = random.Next(list.Count);
            switch (random.Next(3))
            {
                case 0: list[at] = (byte)random.Next(256); break;
                case 1: list.RemoveAt(at); break;
                default: list.Insert(at, (byte)"=,\0\"\\ "[random.Next(6)]); break;
            }
        }

        return random.Next(10) == 0 ? [] : [.. list];
    }
}
