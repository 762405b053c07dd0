using System.Security.Cryptography;
using System.Text;
using Relaybox.Appliance.Configuration.Options;
using Relaybox.Smtp.Auth;
using Relaybox.Smtp.Storage;

namespace Relaybox.Appliance.Hosting;

/// <summary>
/// The demo configuration's one user. Its random password is kept in the demo data directory (mode 0600) so a
/// restarted demo prints the same one; a real configuration never has a demo user.
/// </summary>
public static class DemoUser
{
    public const string Login = "demo";

    /// <summary>Makes sure the demo user exists and returns its password.</summary>
    public static string Ensure(RelayboxConfig config, ReloadingCredentialStore credentials)
    {
        string passwordFile = Path.Combine(config.Server.DataDir, "demo-password");
        string? password = File.Exists(passwordFile) ? File.ReadAllText(passwordFile).Trim() : null;
        if (password is null || credentials.Find(Login) is null)
        {
            password = NewPassword();
            SafeFile.Default.WriteAllBytes(passwordFile, Encoding.UTF8.GetBytes(password + "\n"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
            var options = CredentialOptions.ForMechanisms(config.Auth.Mechanisms.Select(ConfigWords.Mechanisms.WordFor));
            UserDatabase.Load(config.Auth.UsersFile).WithUser(UserRecord.Create(Login, password, options)).Save(config.Auth.UsersFile);
            credentials.Reload();
        }

        return password;
    }

    public static void PrintWelcome(RelayboxConfig config, string password, TextWriter console)
    {
        console.WriteLine($"relaybox demo: no config file, running the built-in demo configuration (data in {config.Server.DataDir})");
        var listen = config.Listen;
        if (listen.Submission is { } submission)
        {
            console.WriteLine($"  submission (STARTTLS, AUTH required): {submission}");
        }

        if (listen.Smtps is { } smtps)
        {
            console.WriteLine($"  smtps (implicit TLS, AUTH required):  {smtps}");
        }

        if (listen.Smtp is { } smtp)
        {
            console.WriteLine($"  smtp (relay for {string.Join(", ", config.Server.MyNetworks)} or after AUTH): {smtp}");
        }

        console.WriteLine($"  demo login: {Login}   password: {password}");
        console.WriteLine("  try: swaks --server 127.0.0.1 --port 2587 --tls --auth PLAIN --auth-user demo --auth-password <password> --to you@example.net");
        console.Flush();
    }

    /// <summary>Sixteen characters from an alphabet without look-alikes, about 80 bits.</summary>
    private static string NewPassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return string.Create(16, 0, (span, _) =>
        {
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
            }
        });
    }
}
