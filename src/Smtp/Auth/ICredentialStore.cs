namespace Relaybox.Smtp.Auth;

/// <summary>The users that may authenticate. Lookups are by exact login; the store is immutable once loaded.</summary>
public interface ICredentialStore
{
    UserRecord? Find(string login);

    /// <summary>
    /// Checks a login and clear-text password for PLAIN and LOGIN. Answers <see cref="SaslFailureReason.None"/>
    /// when they match, <see cref="SaslFailureReason.InvalidCredentials"/> for an unknown login or a wrong
    /// password alike. A store may remember recent successful checks (see <see cref="UserDatabase"/>).
    /// </summary>
    SaslFailureReason VerifyPassword(string login, ReadOnlySpan<byte> password) => PasswordVerifier.Verify(Find(login), password);
}
