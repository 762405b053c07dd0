using System.Text;

namespace Relaybox.Integration.Tests.Harness;

/// <summary>
/// The INI file a test instance runs with: sensible test defaults (loopback listeners, mynetworks =
/// loopback) and per-test overrides as "section.key" = value. An empty value turns a listener off.
/// </summary>
public sealed class RelayboxSettings
{
    private readonly Dictionary<string, string> overrides = new(StringComparer.Ordinal);

    public string Hostname { get; init; } = "relay.test";

    /// <summary>Extra environment for the daemon process (e.g. OPENSSL_CONF).</summary>
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public RelayboxSettings Set(string sectionKey, string value)
    {
        overrides[sectionKey] = value;
        return this;
    }

    internal IEnumerable<int> EnabledPorts(RelayboxInstance instance)
    {
        if (Value("listen.smtp", null) != string.Empty) yield return instance.SmtpPort;
        if (Value("listen.submission", null) != string.Empty) yield return instance.SubmissionPort;
        if (Value("listen.smtps", null) != string.Empty) yield return instance.SmtpsPort;
    }

    internal string Render(RelayboxInstance instance)
    {
        var defaults = new (string Key, string Value)[]
        {
            ("server.hostname", Hostname),
            ("server.data_dir", instance.DataDirectory),
            ("server.mynetworks", "127.0.0.0/8, ::1/128"),
            ("listen.smtp", $"127.0.0.1:{instance.SmtpPort}"),
            ("listen.submission", $"127.0.0.1:{instance.SubmissionPort}"),
            ("listen.smtps", $"127.0.0.1:{instance.SmtpsPort}"),
            // No test delivers unless it says where to: never the system resolver, never a real MX.
            ("queue.deliver", "no"),
        };
        var values = defaults.ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal);
        foreach (var (key, value) in overrides)
        {
            values[key] = value;
        }

        var text = new StringBuilder();
        foreach (var section in values.GroupBy(v => v.Key[..v.Key.IndexOf('.')]))
        {
            text.Append('[').Append(section.Key).Append("]\n");
            foreach (var (key, value) in section)
            {
                text.Append(key[(key.IndexOf('.') + 1)..]).Append(" = ").Append(value).Append('\n');
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private string? Value(string key, string? fallback) => overrides.TryGetValue(key, out var value) ? value : fallback;
}
