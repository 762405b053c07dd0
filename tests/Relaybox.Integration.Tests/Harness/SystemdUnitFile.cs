namespace Relaybox.Integration.Tests.Harness;

/// <summary>
/// A systemd unit file read as sections of key=value assignments, enough to assert what a unit in image/
/// promises. A key may be assigned more than once (After=, Environment=): every value is kept, in order.
/// </summary>
public sealed class SystemdUnitFile
{
    private readonly List<(string Section, string Key, string Value)> assignments;

    private SystemdUnitFile(List<(string Section, string Key, string Value)> assignments) => this.assignments = assignments;

    public static SystemdUnitFile Load(string path)
    {
        var assignments = new List<(string, string, string)>();
        string section = "";
        foreach (string line in File.ReadLines(path).Select(l => l.Trim()))
        {
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                section = line[1..^1];
                continue;
            }

            int equals = line.IndexOf('=');
            if (equals > 0)
            {
                assignments.Add((section, line[..equals].Trim(), line[(equals + 1)..].Trim()));
            }
        }

        return new SystemdUnitFile(assignments);
    }

    /// <summary>Every value assigned to the key in the section, in file order.</summary>
    public IReadOnlyList<string> All(string section, string key) =>
        assignments.Where(a => a.Section == section && a.Key == key).Select(a => a.Value).ToList();

    /// <summary>The space-separated words of every assignment of a list-valued key (After=, ReadWritePaths=).</summary>
    public IReadOnlyList<string> Words(string section, string key) =>
        All(section, key).SelectMany(v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();

    /// <summary>The value in effect: the last assignment, as systemd reads a single-valued key.</summary>
    public string? Value(string section, string key) => All(section, key).LastOrDefault();
}
