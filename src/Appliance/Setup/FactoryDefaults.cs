using System.Globalization;
using System.Text;
using Relaybox.Appliance.Configuration.Ini;
using Relaybox.Appliance.Configuration.Options;

namespace Relaybox.Appliance.Setup;

/// <summary>
/// The configuration a box ships with, and the one a factory reset writes: every key at its schema default
/// except three. <c>[queue] deliver = no</c>, because a fresh box has no smarthost, no admin and no users and
/// must not start sending on its own; the data directory, because the queue held for the admin lives there;
/// and the <c>[gpio]</c> section, because the wiring of the board does not change with a reset (without it the
/// LEDs and the button itself would stop working).
/// </summary>
public static class FactoryDefaults
{
    /// <summary>The factory text for a box whose data lives in <paramref name="dataDir"/> and whose LEDs are wired as <paramref name="gpio"/>.</summary>
    /// <param name="resetAt">When the reset started: named in the header comment, so a rerun writes the same bytes.</param>
    /// <param name="backupName">The file the previous configuration was kept in (file name only), or null.</param>
    public static string Text(string dataDir, GpioSection? gpio, DateTimeOffset resetAt, string? backupName)
    {
        var text = new StringBuilder();
        text.Append("; relaybox factory configuration, written by a factory reset at ")
            .Append(resetAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append(" UTC.\n");
        if (backupName is not null)
        {
            text.Append("; the previous configuration is kept beside this file as ").Append(backupName).Append(".\n");
        }

        text.Append("; every key not named here has its default (relaybox config reference).\n")
            .Append("; nothing is sent until the box is set up: set [relay] relayhost and [rewrite] admin, add users\n")
            .Append("; (relaybox user add), then [queue] deliver = yes. Mail queued before the reset is on hold:\n")
            .Append("; relaybox queue list, then relaybox queue release all or relaybox queue delete all.\n")
            .Append("[server]\n")
            .Append("data_dir = ").Append(Quoted(dataDir)).Append('\n')
            .Append('\n')
            .Append("[queue]\n")
            .Append("deliver = no\n");
        if (gpio is not null)
        {
            text.Append('\n')
                .Append("[gpio]\n")
                .Append("chip = ").Append(Quoted(gpio.Chip ?? "")).Append('\n')
                .Append("led_status = ").Append(Quoted(gpio.LedStatus ?? "")).Append('\n')
                .Append("led_activity = ").Append(Quoted(gpio.LedActivity ?? "")).Append('\n')
                .Append("led_error = ").Append(Quoted(gpio.LedError ?? "")).Append('\n')
                .Append("button = ").Append(Quoted(gpio.Button ?? "")).Append('\n')
                .Append("leds_active_low = ").Append(gpio.LedsActiveLow ? "yes" : "no").Append('\n')
                .Append("button_active_low = ").Append(gpio.ButtonActiveLow ? "yes" : "no").Append('\n');
        }

        return text.ToString();
    }

    private static string Quoted(string value) =>
        IniValueText.TryFormat(value, out string text, out string? problem)
            ? text
            : throw new ArgumentException($"cannot write \"{value}\" into the factory configuration: {problem}", nameof(value));
}
