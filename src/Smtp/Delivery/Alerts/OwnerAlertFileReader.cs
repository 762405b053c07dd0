using System.Globalization;
using Relaybox.Smtp.Queue;

namespace Relaybox.Smtp.Delivery.Alerts;

/// <summary>Parses the text of the alert state file (format in <see cref="OwnerAlertFile"/>).</summary>
internal sealed class OwnerAlertFileReader(string text)
    : VersionedRecordReader<OwnerAlertState>(text, OwnerAlertFile.Magic, OwnerAlertFile.FormatVersion, "alert state")
{
    private readonly List<Alert> active = [];
    private readonly Dictionary<AlertKind, DateTimeOffset> lastMailed = [];

    protected override void ReadRecord(string name, string value)
    {
        string[] parts = value.Split(' ');
        switch (name)
        {
            case "alert":
                if (parts.Length != 3)
                {
                    throw Corrupt("expected \"alert kind since detail\"");
                }

                var kind = ParseKind(parts[0]);
                if (active.Exists(alert => alert.Kind == kind))
                {
                    throw Corrupt($"alert {parts[0]} appears twice");
                }

                active.Add(new Alert(kind, ParseTime(parts[1]), FieldEscaping.Unescape(parts[2]) ?? throw Corrupt($"badly escaped detail \"{parts[2]}\"")));
                break;
            case "mailed":
                if (parts.Length != 2)
                {
                    throw Corrupt("expected \"mailed kind time\"");
                }

                if (!lastMailed.TryAdd(ParseKind(parts[0]), ParseTime(parts[1])))
                {
                    throw Corrupt($"mailed {parts[0]} appears twice");
                }

                break;
            default:
                throw Corrupt($"unknown record \"{name}\"");
        }
    }

    protected override OwnerAlertState Build() => new(active, lastMailed);

    protected override FormatException Corrupt(string message) =>
        new(LineNumber > 0 ? $"line {LineNumber}: {message}" : message);

    private AlertKind ParseKind(string token) =>
        AlertAdvice.ParseToken(token) ?? throw Corrupt($"unknown alert kind \"{token}\"");

    private DateTimeOffset ParseTime(string value) =>
        DateTimeOffset.TryParseExact(value, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw Corrupt($"bad time \"{value}\"");
}
