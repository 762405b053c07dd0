namespace Relaybox.Smtp.Delivery.Rewriting;

/// <summary>What rewriting changed in one message, for the delivery log (addresses are not secrets; no content is kept).</summary>
public sealed record RewriteReport(
    int RecipientsRedirected,
    bool EnvelopeSenderRewritten,
    FromRewrite From,
    HeaderFixes HeaderFixes,
    bool HeaderTooLarge)
{
    public bool ChangedAnything =>
        RecipientsRedirected > 0 || EnvelopeSenderRewritten || From == FromRewrite.Rewritten || HeaderFixes != HeaderFixes.None;

    /// <summary>One line for the log: "1 recipient to the admin, From rewritten, Date added"; what could not be done is said too.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (RecipientsRedirected > 0)
        {
            parts.Add(RecipientsRedirected == 1 ? "1 recipient to the admin" : $"{RecipientsRedirected} recipients to the admin");
        }

        if (EnvelopeSenderRewritten)
        {
            parts.Add("envelope sender rewritten");
        }

        parts.Add(From switch
        {
            FromRewrite.Rewritten => "From rewritten (original in X-Original-From)",
            FromRewrite.NotOneMailbox when EnvelopeSenderRewritten => "From left alone: not one mailbox",
            FromRewrite.TooLong => "From left alone: the rewritten field would be too long",
            _ => "",
        });
        if (HeaderFixes.HasFlag(HeaderFixes.AddedDate))
        {
            parts.Add("Date added");
        }

        if (HeaderFixes.HasFlag(HeaderFixes.AddedMessageId))
        {
            parts.Add("Message-ID added");
        }

        if (HeaderTooLarge)
        {
            parts.Add("header too large to rewrite, passed on as it is");
        }

        parts.RemoveAll(p => p.Length == 0);
        return parts.Count == 0 ? "nothing changed" : string.Join(", ", parts);
    }
}
