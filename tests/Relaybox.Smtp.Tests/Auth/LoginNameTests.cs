using Relaybox.Smtp.Auth;

namespace Relaybox.Smtp.Tests.Auth;

public sealed class LoginNameTests
{
    [Theory]
    [InlineData("alice")]
    [InlineData("printer@home.arpa")]
    [InlineData("Grüße")]
    [InlineData("a")]
    public void OrdinaryLoginsAreValid(string login) => Assert.True(LoginName.TryValidate(login, out _));

    [Fact]
    public void SixtyFourCharactersIsTheLongestLogin()
    {
        Assert.True(LoginName.TryValidate(new string('x', 64), out _));
        Assert.False(LoginName.TryValidate(new string('x', 65), out string? problem));
        Assert.Contains("64", problem);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("a:b", "':'")]
    [InlineData("a b", "spaces")]
    [InlineData("a\tb", "spaces")]
    [InlineData("a\u0001b", "control")]
    [InlineData("#alice", "comment")]
    public void InvalidLoginsAreRefusedWithAClearMessage(string login, string expectedInMessage)
    {
        Assert.False(LoginName.TryValidate(login, out string? problem));
        Assert.Contains(expectedInMessage, problem);
    }

    [Fact]
    public void ALoneSurrogateIsNotAValidLogin()
    {
        string login = new(['a', (char)0xD800, 'b']);

        Assert.False(LoginName.TryValidate(login, out string? problem));
        Assert.Contains("Unicode", problem);
    }
}
