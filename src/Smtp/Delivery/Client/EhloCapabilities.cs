using System.Globalization;

namespace Relaybox.Smtp.Delivery.Client;

/// <summary>
/// The service extensions an upstream announced in its EHLO reply (RFC 5321 section 4.1.1.1): each line
/// after the first is "keyword [params]". A HELO fallback leaves every extension off (<see cref="None"/>).
/// </summary>
public sealed record EhloCapabilities
{
    public static EhloCapabilities None { get; } = new();

    /// <summary>RFC 2920.</summary>
    public bool Pipelining { get; init; }

    /// <summary>RFC 1870: the announced fixed maximum message size; null when SIZE is absent or 0 (no limit).</summary>
    public long? MaxMessageSize { get; init; }

    /// <summary>True when SIZE was announced at all (with or without a limit): then SIZE= may be sent.</summary>
    public bool Size { get; init; }

    /// <summary>RFC 3207.</summary>
    public bool StartTls { get; init; }

    /// <summary>RFC 4954, upper-cased mechanism names (from "AUTH" and the pre-standard "AUTH=").</summary>
    public IReadOnlySet<string> AuthMechanisms { get; init; } = new HashSet<string>();

    /// <summary>RFC 6152.</summary>
    public bool EightBitMime { get; init; }

    /// <summary>RFC 6531.</summary>
    public bool SmtpUtf8 { get; init; }

    /// <summary>RFC 3461.</summary>
    public bool Dsn { get; init; }

    /// <summary>RFC 2034.</summary>
    public bool EnhancedStatusCodes { get; init; }

    /// <summary>Reads the keywords of a 250 EHLO reply; unknown keywords are ignored (RFC 5321 section 4.1.1.1).</summary>
    public static EhloCapabilities Parse(UpstreamReply ehloReply)
    {
        bool pipelining = false, size = false, startTls = false, eightBit = false, utf8 = false, dsn = false, enhanced = false;
        long? maxSize = null;
        var mechanisms = new HashSet<string>(StringComparer.Ordinal);
        // The first line is the greeting ("domain [text]"), not a keyword.
        for (int i = 1; i < ehloReply.Lines.Count; i++)
        {
            string[] words = ehloReply.Lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                continue;
            }

            string keyword = words[0].ToUpperInvariant();
            switch (keyword)
            {
                case "PIPELINING":
                    pipelining = true;
                    break;
                case "SIZE":
                    size = true;
                    // RFC 1870 section 4: "SIZE" alone or "SIZE 0" announce no fixed limit.
                    if (words.Length > 1 && long.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out long limit) && limit > 0)
                    {
                        maxSize = limit;
                    }

                    break;
                case "STARTTLS":
                    startTls = true;
                    break;
                case "8BITMIME":
                    eightBit = true;
                    break;
                case "SMTPUTF8":
                    utf8 = true;
                    break;
                case "DSN":
                    dsn = true;
                    break;
                case "ENHANCEDSTATUSCODES":
                    enhanced = true;
                    break;
                case "AUTH":
                    AddMechanisms(mechanisms, words.AsSpan(1));
                    break;
                default:
                    // Old Microsoft servers announce "AUTH=LOGIN PLAIN" (before RFC 2554 was final).
                    if (keyword.StartsWith("AUTH=", StringComparison.Ordinal))
                    {
                        mechanisms.Add(keyword[5..]);
                        AddMechanisms(mechanisms, words.AsSpan(1));
                    }

                    break;
            }
        }

        return new EhloCapabilities
        {
            Pipelining = pipelining,
            Size = size,
            MaxMessageSize = maxSize,
            StartTls = startTls,
            AuthMechanisms = mechanisms,
            EightBitMime = eightBit,
            SmtpUtf8 = utf8,
            Dsn = dsn,
            EnhancedStatusCodes = enhanced,
        };
    }

    private static void AddMechanisms(HashSet<string> mechanisms, ReadOnlySpan<string> names)
    {
        foreach (string name in names)
        {
            // A hostile list is bounded by the reply line limit already; cap the set anyway.
            if (mechanisms.Count < 32 && name.Length > 0)
            {
                mechanisms.Add(name.ToUpperInvariant());
            }
        }
    }
}
