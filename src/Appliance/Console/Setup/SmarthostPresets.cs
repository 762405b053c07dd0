namespace Relaybox.Appliance.Console.Setup;

/// <summary>
/// The providers home and small-office owners most often relay through. Each sets host, port and TLS mode;
/// the note says what the provider demands of a device that logs in with a password (nearly all want an app
/// password, not the account's own), which is what a first setup usually fails on.
/// </summary>
public static class SmarthostPresets
{
    public static IReadOnlyList<SmarthostPreset> All { get; } =
    [
        new("Gmail / Google Workspace", "smtp.gmail.com", 587, SmarthostTls.StartTls, "your full address",
            "needs an app password: Google Account > Security > 2-Step Verification > App passwords"),
        new("Microsoft 365 (work or school)", "smtp.office365.com", 587, SmarthostTls.StartTls, "your full address",
            "the mailbox must allow authenticated SMTP (Microsoft 365 admin center > user > Mail > Manage email apps)"),
        new("Outlook.com / Hotmail", "smtp-mail.outlook.com", 587, SmarthostTls.StartTls, "your full address",
            "with two-step verification on, use an app password from account.microsoft.com > Security"),
        new("iCloud Mail", "smtp.mail.me.com", 587, SmarthostTls.StartTls, "your iCloud address",
            "needs an app-specific password: account.apple.com > Sign-In and Security"),
        new("Yahoo Mail", "smtp.mail.yahoo.com", 465, SmarthostTls.ImplicitTls, "your full address",
            "needs an app password: Account Info > Account Security > Generate app password"),
        new("Fastmail", "smtp.fastmail.com", 465, SmarthostTls.ImplicitTls, "your full address",
            "needs an app password with SMTP access: Settings > Privacy & Security > App passwords"),
        new("mailbox.org", "smtp.mailbox.org", 465, SmarthostTls.ImplicitTls, "your full address",
            "an app password is recommended: Settings > Security > Application passwords"),
        new("GMX", "mail.gmx.net", 587, SmarthostTls.StartTls, "your full address",
            "POP3/IMAP/SMTP access must be switched on in the GMX settings first"),
        new("Proton Mail (paid plans)", "smtp.protonmail.ch", 587, SmarthostTls.StartTls, "the address the token is for",
            "needs an SMTP token: Settings > IMAP/SMTP > SMTP tokens (the token is the password)"),
        new("SendGrid", "smtp.sendgrid.net", 587, SmarthostTls.StartTls, "the word apikey",
            "the password is an API key with Mail Send permission; the sender must be verified"),
        new("Mailgun", "smtp.mailgun.org", 587, SmarthostTls.StartTls, "the SMTP login of your domain",
            "the SMTP credentials are under Sending > Domain settings > SMTP credentials"),
    ];
}
