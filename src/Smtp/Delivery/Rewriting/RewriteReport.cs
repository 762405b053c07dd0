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
}
