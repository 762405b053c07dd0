using System.Globalization;
using Relaybox.Smtp.Queue;

namespace Relaybox.Appliance.Control;

/// <summary>
/// One request line of the control protocol: <c>flush</c>, <c>status</c>, <c>reload</c>, <c>button</c>,
/// <c>log [N]</c>, <c>test-mail ADDRESS</c>, or <c>hold|release|delete ID|all</c>. Parsing is strict (lower-case
/// verbs, single spaces, one argument at most) because the only clients are relaybox itself and its console;
/// anything else is a mistake worth naming rather than guessing at. <see cref="Target"/> is the one argument:
/// the queue id, the line count or the address.
/// </summary>
public sealed record ControlRequest(ControlVerb Verb, string? Target = null)
{
    /// <summary>The target that means every message the verb applies to.</summary>
    public const string All = "all";

    /// <summary>Lines "log" returns when no count is given.</summary>
    public const int DefaultLogLines = 50;

    /// <summary>The most lines "log" returns: what the daemon's log ring keeps.</summary>
    public const int MaxLogLines = 200;

    public static ControlRequest Flush { get; } = new(ControlVerb.Flush);

    public static ControlRequest Status { get; } = new(ControlVerb.Status);

    public static ControlRequest Reload { get; } = new(ControlVerb.Reload);

    public static ControlRequest Button { get; } = new(ControlVerb.Button);

    public static ControlRequest Log(int lines) => new(ControlVerb.Log, lines.ToString(CultureInfo.InvariantCulture));

    public static ControlRequest TestMail(string address) => new(ControlVerb.TestMail, address);

    /// <summary>The line count of a "log" request (the default when none was given).</summary>
    public int LogLines => Verb == ControlVerb.Log && Target is not null && TryParseLineCount(Target, out int lines) ? lines : DefaultLogLines;

    public static bool TryParse(string line, out ControlRequest? request, out ControlRequestError error)
    {
        request = null;
        if (line.Length == 0)
        {
            error = ControlRequestError.Empty;
            return false;
        }

        if (line.Any(char.IsControl))
        {
            error = ControlRequestError.NotText;
            return false;
        }

        string[] words = line.Split(' ');
        ControlVerb? verb = words[0] switch
        {
            "flush" => ControlVerb.Flush,
            "hold" => ControlVerb.Hold,
            "release" => ControlVerb.Release,
            "delete" => ControlVerb.Delete,
            "status" => ControlVerb.Status,
            "reload" => ControlVerb.Reload,
            "log" => ControlVerb.Log,
            "test-mail" => ControlVerb.TestMail,
            "button" => ControlVerb.Button,
            _ => null,
        };
        if (verb is not { } known)
        {
            error = ControlRequestError.UnknownVerb;
            return false;
        }

        error = CheckArguments(known, words);
        if (error != ControlRequestError.None)
        {
            return false;
        }

        request = new ControlRequest(known, words.Length > 1 ? words[1] : null);
        return true;
    }

    private static ControlRequestError CheckArguments(ControlVerb verb, string[] words)
    {
        bool takesTarget = verb is ControlVerb.Hold or ControlVerb.Release or ControlVerb.Delete;
        bool needsArgument = takesTarget || verb == ControlVerb.TestMail;
        bool mayTakeArgument = needsArgument || verb == ControlVerb.Log;
        if (needsArgument && (words.Length < 2 || words[1].Length == 0))
        {
            return takesTarget ? ControlRequestError.MissingTarget : ControlRequestError.MissingAddress;
        }

        if (words.Length > (mayTakeArgument ? 2 : 1))
        {
            return ControlRequestError.UnexpectedArgument;
        }

        if (takesTarget && !IsTarget(words[1]))
        {
            return ControlRequestError.NotAQueueId;
        }

        if (verb == ControlVerb.Log && words.Length == 2 && !TryParseLineCount(words[1], out _))
        {
            return ControlRequestError.NotALineCount;
        }

        return ControlRequestError.None;
    }

    /// <summary>A line count for "log": digits only, 1 to <see cref="MaxLogLines"/>.</summary>
    public static bool TryParseLineCount(string text, out int lines) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out lines) && lines is >= 1 and <= MaxLogLines;

    /// <summary>"all" or a queue id: the only targets the queue manager is ever handed.</summary>
    public static bool IsTarget(string target) => target == All || QueueIdGenerator.IsValid(target);

    /// <summary>The text of the "error" reply for a refused request.</summary>
    public static string Describe(ControlRequestError error) => error switch
    {
        ControlRequestError.Empty => "empty request",
        ControlRequestError.UnknownVerb =>
            "unknown request (flush, hold ID|all, release ID|all, delete ID|all, status, reload, log [N], test-mail ADDRESS, button)",
        ControlRequestError.MissingTarget => "which message? (a queue id, or all)",
        ControlRequestError.UnexpectedArgument => "too many words in the request",
        ControlRequestError.NotAQueueId => "no such message: not a queue id",
        ControlRequestError.MissingAddress => "which address? (test-mail ADDRESS)",
        ControlRequestError.NotALineCount => $"how many lines? (a number from 1 to {MaxLogLines})",
        ControlRequestError.NotText => "request is not a line of UTF-8 text",
        ControlRequestError.TooLong => "request line too long",
        ControlRequestError.Unterminated => "request ended without a line end",
        ControlRequestError.TimedOut => "no request line in time",
        _ => "bad request",
    };

    /// <summary>The request as sent on the wire, without the line end.</summary>
    public override string ToString() => Target is null ? Name(Verb) : $"{Name(Verb)} {Target}";

    private static string Name(ControlVerb verb) => verb switch
    {
        ControlVerb.Flush => "flush",
        ControlVerb.Hold => "hold",
        ControlVerb.Release => "release",
        ControlVerb.Delete => "delete",
        ControlVerb.Reload => "reload",
        ControlVerb.Log => "log",
        ControlVerb.TestMail => "test-mail",
        ControlVerb.Button => "button",
        _ => "status",
    };
}
