using System.Globalization;
using Relaybox.Smtp.Protocol;

namespace Relaybox.Smtp.Queue;

/// <summary>Parses the text of one envelope file (format in <see cref="EnvelopeSerializer"/>).</summary>
internal sealed class EnvelopeReader(string text)
    : VersionedRecordReader<Envelope>(text, "relaybox-envelope", EnvelopeSerializer.FormatVersion, "envelope")
{
    private readonly Dictionary<string, string> fields = new(StringComparer.Ordinal);
    private readonly List<EnvelopeRecipient> recipients = [];

    protected override void ReadRecord(string name, string value)
    {
        if (name == "rcpt")
        {
            recipients.Add(ReadRecipient(value));
        }
        else
        {
            ReadField(name, value);
        }
    }

    private void ReadField(string name, string value)
    {
        switch (name)
        {
            case "reverse-path" or "body" or "smtputf8" or "ret" or "envid" or "login" or "client" or "helo" or "received-at":
                if (!fields.TryAdd(name, value))
                {
                    throw Corrupt($"field {name} appears twice");
                }

                break;
            default:
                throw Corrupt($"unknown field \"{name}\"");
        }
    }

    private EnvelopeRecipient ReadRecipient(string value)
    {
        DsnNotify? notify = null;
        string? original = null;
        string? address = null;
        foreach (string token in value.Split(' '))
        {
            int equals = token.IndexOf('=');
            string key = equals > 0 ? token[..equals] : string.Empty;
            string tokenValue = equals > 0 ? token[(equals + 1)..] : string.Empty;
            switch (key)
            {
                case "notify" when notify is null:
                    notify = EnvelopeFields.ParseNotify(tokenValue) ?? throw Corrupt($"bad NOTIFY \"{tokenValue}\"");
                    break;
                case "orcpt" when original is null:
                    original = Unescape(tokenValue);
                    break;
                case "address" when address is null:
                    address = Unescape(tokenValue);
                    break;
                default:
                    throw Corrupt($"unexpected recipient token \"{token}\"");
            }
        }

        if (notify is null || address is null)
        {
            throw Corrupt("recipient without notify or address");
        }

        return new EnvelopeRecipient(address, notify.Value, original);
    }

    protected override Envelope Build()
    {
        if (recipients.Count == 0)
        {
            throw Corrupt("no recipients");
        }

        string received = Required("received-at");
        if (!DateTimeOffset.TryParseExact(received, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var receivedAt))
        {
            throw Corrupt($"bad received-at \"{received}\"");
        }

        string smtpUtf8 = Required("smtputf8");
        return new Envelope(
            ReversePath: Unescape(Required("reverse-path")),
            Recipients: recipients,
            Body: EnvelopeFields.ParseBody(Required("body")) ?? throw Corrupt("bad body type"),
            SmtpUtf8: smtpUtf8 switch
            {
                "yes" => true,
                "no" => false,
                _ => throw Corrupt($"bad smtputf8 \"{smtpUtf8}\""),
            },
            Return: EnvelopeFields.ParseReturn(Required("ret")) ?? throw Corrupt("bad ret value"),
            EnvelopeId: fields.TryGetValue("envid", out string? envid) ? Unescape(envid) : null,
            AuthenticatedLogin: fields.TryGetValue("login", out string? login) ? Unescape(login) : null,
            ClientAddress: Unescape(Required("client")),
            HeloName: Unescape(Required("helo")),
            ReceivedAt: receivedAt);
    }

    private string Required(string name) =>
        fields.TryGetValue(name, out string? value) ? value : throw Corrupt($"missing field {name}");

    private string Unescape(string value) =>
        FieldEscaping.Unescape(value) ?? throw Corrupt($"badly escaped value \"{value}\"");

    protected override FormatException Corrupt(string message) => new EnvelopeFormatException(message, LineNumber);
}
