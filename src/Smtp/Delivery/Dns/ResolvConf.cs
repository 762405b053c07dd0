using System.Globalization;
using System.Net;

namespace Relaybox.Smtp.Delivery.Dns;

/// <summary>
/// Reads the parts of /etc/resolv.conf that a mail relay needs, with glibc's semantics (resolv.conf(5)):
/// <c>nameserver</c> lines (first three kept), <c>options timeout:n attempts:n</c>, comments from '#' or ';'.
/// <c>search</c> and <c>domain</c> are ignored on purpose: a recipient domain is always absolute.
/// </summary>
public static class ResolvConf
{
    /// <summary>The file the system resolver reads.</summary>
    public const string DefaultPath = "/etc/resolv.conf";

    /// <summary>Parses the text. Unknown or malformed lines are skipped as glibc skips them; with no usable
    /// <c>nameserver</c> line the result falls back to the local server, as glibc does.</summary>
    public static DnsClientOptions Parse(string text)
    {
        var servers = new List<IPEndPoint>();
        var timeout = TimeSpan.FromSeconds(5);
        int attempts = 2;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine;
            int comment = line.IndexOfAny(['#', ';']);
            if (comment >= 0)
            {
                line = line[..comment];
            }

            var words = line.Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length < 2)
            {
                continue;
            }

            switch (words[0])
            {
                case "nameserver" when servers.Count < DnsClientOptions.MaxServers:
                    if (TryParseServer(words[1], out var server))
                    {
                        servers.Add(server);
                    }

                    break;
                case "options":
                    foreach (var option in words.Skip(1))
                    {
                        if (TryOption(option, "timeout:", out int seconds))
                        {
                            timeout = TimeSpan.FromSeconds(Math.Clamp(seconds, 1, (int)DnsClientOptions.MaxTimeout.TotalSeconds));
                        }
                        else if (TryOption(option, "attempts:", out int count))
                        {
                            attempts = Math.Clamp(count, 1, DnsClientOptions.MaxAttempts);
                        }
                    }

                    break;
            }
        }

        if (servers.Count == 0)
        {
            servers.Add(new IPEndPoint(IPAddress.Loopback, DnsClientOptions.DefaultPort));
        }

        return new DnsClientOptions(servers) { Timeout = timeout, Attempts = attempts };
    }

    /// <summary>Reads and parses the system file; a missing file means the local server, as for glibc.</summary>
    public static DnsClientOptions Load(string path = DefaultPath) =>
        Parse(File.Exists(path) ? File.ReadAllText(path) : "");

    private static bool TryParseServer(string word, out IPEndPoint server)
    {
        server = null!;
        // A scoped IPv6 address ("fe80::1%eth0") parses with its scope id, which the socket needs.
        if (!IPAddress.TryParse(word, out var address))
        {
            return false;
        }

        server = new IPEndPoint(address, DnsClientOptions.DefaultPort);
        return true;
    }

    private static bool TryOption(string option, string prefix, out int value)
    {
        value = 0;
        return option.StartsWith(prefix, StringComparison.Ordinal)
               && int.TryParse(option.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
