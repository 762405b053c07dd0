using Relaybox.Smtp.Auth;

namespace Relaybox.Smtp.Server;

/// <summary>The store used when none is configured: nobody can log in.</summary>
internal sealed class EmptyCredentialStore : ICredentialStore
{
    public static EmptyCredentialStore Instance { get; } = new();

    public UserRecord? Find(string login) => null;
}
