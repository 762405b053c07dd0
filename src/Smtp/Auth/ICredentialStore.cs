namespace Relaybox.Smtp.Auth;

/// <summary>The users that may authenticate. Lookups are by exact login; the store is immutable once loaded.</summary>
public interface ICredentialStore
{
    UserRecord? Find(string login);
}
