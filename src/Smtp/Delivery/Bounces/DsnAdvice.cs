namespace Relaybox.Smtp.Delivery.Bounces;

/// <summary>
/// One plain sentence of what to do, chosen by the RFC 3463 status code (section 3: subject.detail), written
/// for whoever owns the printer or the cron job rather than for a mail administrator.
/// </summary>
internal static class DsnAdvice
{
    public static string For(DsnRecipientStatus status)
    {
        if (status.Action == DsnAction.Delayed)
        {
            return "Nothing to do yet: the relay keeps trying. If this goes on, check that the relay can reach its mail provider.";
        }

        if (status.Action is DsnAction.Delivered or DsnAction.Relayed)
        {
            return "Nothing to do: this is the confirmation you asked for.";
        }

        string[] parts = status.Status.Split('.');
        string subject = parts.Length == 3 ? parts[1] + "." + parts[2] : string.Empty;
        return subject switch
        {
            "1.10" => "The recipient's domain says it accepts no mail at all (RFC 7505 null MX); check the address, this one cannot work.",
            "1.1" or "1.2" or "1.3" or "1.6" => "Check the spelling of this address; the receiving side says it does not exist.",
            "2.2" => "The recipient's mailbox is full; ask them to make room, then send again.",
            "3.4" or "2.3" => "The message is too large for the receiving side; send smaller attachments or a lower scan resolution.",
            "4.7" => "The relay gave up after retrying for the maximum time; check the relay's connection to its mail provider, then send again.",
            "7.1" or "7.8" or "7.0" or "7.57" => "The mail provider refused the sender address or the relay's login; make sure the device sends as an address the provider allows.",
            _ when subject.StartsWith("4.", StringComparison.Ordinal) => "The relay could not reach the receiving side; check the relay's network and mail provider settings.",
            _ when status.Diagnostic is null => "Read the reason above; correct the address or the message and send again.",
            _ => "Read the reply from the receiving server above; correct the address or the message and send again.",
        };
    }
}
