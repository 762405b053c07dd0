using System.Text;
using Relaybox.Smtp.Protocol;

namespace Relaybox.Appliance.Configuration.Values;

/// <summary>A qualified mail address (user@domain), checked by the same parser the SMTP server uses; or empty.</summary>
public static class MailAddressValue
{
    public const string Forms = "a mail address such as you@example.net";

    public static bool TryParse(string text, out string? address, out string? problem)
    {
        address = null;
        problem = null;
        if (text.Length == 0)
        {
            return true;
        }

        byte[] bytes = Encoding.UTF8.GetBytes(text);
        if (!MailboxAddress.TryParse(bytes, allowUtf8: true, out MailboxAddress? parsed, out _) || parsed is null || !parsed.IsQualified)
        {
            problem = $"\"{text}\" is not a mail address with a domain";
            return false;
        }

        address = parsed.ToString();
        return true;
    }
}
