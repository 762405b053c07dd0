using Relaybox.Smtp.Auth;
using static Relaybox.Smtp.Tests.Auth.SaslTestContext;

namespace Relaybox.Smtp.Tests.Auth;

public sealed class VerifiedLoginCacheTests
{
    private static UserDatabase Printer() => UserDatabase.Empty.WithUser(ScramUser("printer", "toner"));

    private static SaslStep PlainLogin(UserDatabase users, string login, string password)
    {
        using var plain = new PlainMechanism(With(users));
        return plain.Start(true, Bytes("\0" + login + "\0" + password));
    }

    [Fact]
    public void ASecondLoginWithTheSamePasswordTakesTheFastPath()
    {
        UserDatabase users = Printer();

        SaslStep first = PlainLogin(users, "printer", "toner");
        long hitsAfterFirst = users.LoginCache.Hits;
        SaslStep second = PlainLogin(users, "printer", "toner");

        Assert.Equal(SaslOutcome.Success, first.Outcome);
        Assert.Equal(SaslOutcome.Success, second.Outcome);
        Assert.Equal(0, hitsAfterFirst);
        Assert.Equal(1, users.LoginCache.Hits);
    }

    [Fact]
    public void AWrongPasswordAfterACachedGoodOneStillFails()
    {
        UserDatabase users = Printer();
        PlainLogin(users, "printer", "toner");

        SaslStep wrong = PlainLogin(users, "printer", "ink");

        Assert.Equal(SaslFailureReason.InvalidCredentials, wrong.Reason);
        Assert.Equal(0, users.LoginCache.Hits);
    }

    [Fact]
    public void AWrongPasswordIsNeverRemembered()
    {
        UserDatabase users = Printer();

        PlainLogin(users, "printer", "ink");
        SaslStep again = PlainLogin(users, "printer", "ink");

        Assert.Equal(SaslFailureReason.InvalidCredentials, again.Reason);
        Assert.Equal(0, users.LoginCache.Count);
    }

    [Fact]
    public void LoginMechanismUsesTheCacheToo()
    {
        UserDatabase users = Printer();
        for (int i = 0; i < 2; i++)
        {
            using var login = new LoginMechanism(With(users));
            login.Start(true, Bytes("printer"));
            Assert.Equal(SaslOutcome.Success, login.Continue(Bytes("toner")).Outcome);
        }

        Assert.Equal(1, users.LoginCache.Hits);
    }

    [Fact]
    public void ANewDatabaseStartsWithAnEmptyCache()
    {
        UserDatabase users = Printer();
        PlainLogin(users, "printer", "toner");

        UserDatabase changed = users.WithUser(ScramUser("printer", "new-toner"));

        Assert.Equal(1, users.LoginCache.Count);
        Assert.Equal(0, changed.LoginCache.Count);
        Assert.Equal(SaslFailureReason.InvalidCredentials, PlainLogin(changed, "printer", "toner").Reason);
    }

    [Fact]
    public void TheCacheIsBoundedAndForgetsTheOldestLogin()
    {
        var cache = new VerifiedLoginCache(capacity: 2);

        cache.Remember("a", "1"u8);
        cache.Remember("b", "2"u8);
        cache.Remember("c", "3"u8);

        Assert.Equal(2, cache.Count);
        Assert.False(cache.IsRemembered("a", "1"u8));
        Assert.True(cache.IsRemembered("b", "2"u8));
        Assert.True(cache.IsRemembered("c", "3"u8));
    }

    [Fact]
    public void TheSamePasswordForAnotherLoginIsNotRemembered()
    {
        var cache = new VerifiedLoginCache();
        cache.Remember("a", "pw"u8);

        Assert.False(cache.IsRemembered("b", "pw"u8));
        Assert.False(cache.IsRemembered("a", "pw2"u8));
    }
}
