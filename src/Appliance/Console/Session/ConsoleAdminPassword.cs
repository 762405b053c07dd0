using System.Text;
using Relaybox.Smtp.Auth;
using Relaybox.Smtp.Storage;

namespace Relaybox.Appliance.Console.Session;

/// <summary>
/// The console's own admin password: once set, the console asks for it before the first change of a session
/// (looking is free). Stored as a salted SCRAM-SHA-256 verifier in the users-file format, in
/// <c>&lt;data_dir&gt;/console-password</c> (0600), so the same verified code checks it and no plaintext is on disk.
/// Forgotten: a press of the box's button while the console waits clears it (whoever can press the button holds
/// the box anyway), and a factory reset removes it.
/// </summary>
public sealed class ConsoleAdminPassword(string path, SafeFile safeFile)
{
    public const string FileName = "console-password";

    private const string Login = "console-admin";

    public string Path => path;

    public static string PathIn(string dataDir) => System.IO.Path.Combine(dataDir, FileName);

    public bool IsSet => File.Exists(path);

    public bool Verify(string password)
    {
        try
        {
            var stored = UserDatabase.Load(path);
            return stored.VerifyPassword(Login, Encoding.UTF8.GetBytes(password)) == SaslFailureReason.None;
        }
        catch (Exception e) when (e is UserFileException or IOException or UnauthorizedAccessException)
        {
            // A damaged file must not lock the owner out for good, nor let anyone in: only the button clears it.
            return false;
        }
    }

    public void Set(string password) =>
        UserDatabase.Empty.WithUser(UserRecord.Create(Login, password, CredentialOptions.Default)).Save(path, safeFile);

    /// <returns>True when there was a password to clear.</returns>
    public bool Clear()
    {
        if (!File.Exists(path))
        {
            return false;
        }

        File.Delete(path);
        return true;
    }
}
