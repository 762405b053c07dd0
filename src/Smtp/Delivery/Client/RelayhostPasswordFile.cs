using System.Text;

namespace Relaybox.Smtp.Delivery.Client;

/// <summary>
/// The relayhost login, kept apart from relaybox.ini in its own file (<c>[relay] sasl_password_file</c>, like
/// Postfix's smtp_sasl_password_maps): one line "login password", '#' comments and blank lines allowed. The
/// file must be readable by its owner only, because it holds the one credential of the owner's mail account.
/// Problems are values whose text never contains the password.
/// </summary>
public static class RelayhostPasswordFile
{
    /// <summary>A login line is short; anything larger is the wrong file.</summary>
    public const int MaxFileBytes = 64 * 1024;

    private const UnixFileMode OthersMayAccess =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    public static RelayhostPasswordResult Load(string path)
    {
        FileInfo file = new(path);
        if (!file.Exists)
        {
            return RelayhostPasswordResult.Problem($"{path} does not exist: write one line \"login password\" into it (mode 0600)");
        }

        if ((file.UnixFileMode & OthersMayAccess) != 0)
        {
            return RelayhostPasswordResult.Problem(
                $"{path} can be read by other users (mode {Convert.ToString((int)file.UnixFileMode, 8)}): chmod 600 it; the password was not used");
        }

        if (file.Length > MaxFileBytes)
        {
            return RelayhostPasswordResult.Problem($"{path} is larger than {MaxFileBytes} bytes; is it the right file?");
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DecoderFallbackException)
        {
            return RelayhostPasswordResult.Problem($"{path} cannot be read: {e.Message}");
        }

        return Parse(text, path);
    }

    public static RelayhostPasswordResult Parse(string text, string name)
    {
        UpstreamCredentials? found = null;
        int lineNumber = 0;
        foreach (string rawLine in text.Split('\n'))
        {
            lineNumber++;
            string line = rawLine.TrimEnd('\r').Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (found is not null)
            {
                return RelayhostPasswordResult.Problem($"{name}:{lineNumber}: a second login line; the file holds exactly one");
            }

            int space = line.IndexOfAny([' ', '\t']);
            if (space <= 0 || line[(space + 1)..].Trim().Length == 0)
            {
                return RelayhostPasswordResult.Problem($"{name}:{lineNumber}: expected \"login password\"");
            }

            // The password is everything after the first blank, so passwords with spaces work.
            found = new UpstreamCredentials(line[..space], line[(space + 1)..].Trim());
        }

        return found is null
            ? RelayhostPasswordResult.Problem($"{name} has no \"login password\" line")
            : new RelayhostPasswordResult(found, null);
    }
}
