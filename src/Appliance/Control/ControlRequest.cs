using Relaybox.Smtp.Queue;

namespace Relaybox.Appliance.Control;

/// <summary>
/// One request line of the control protocol: <c>flush</c>, <c>status</c>, or <c>hold|release|delete ID|all</c>.
/// Parsing is strict (lower-case verbs, single spaces, one argument at most) because the only client is
/// relaybox itself; anything else is a mistake worth naming rather than guessing at.
/// </summary>
public sealed record ControlRequest(ControlVerb Verb, string? Target = null)
{
    /// <summary>The target that means every message the verb applies to.</summary>
    public const string All = "all";

    public static ControlRequest Flush { get; } = new(ControlVerb.Flush);

    public static ControlRequest Status { get; } = new(ControlVerb.Status);

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
            _ => null,
        };
        if (verb is not { } known)
        {
            error = ControlRequestError.UnknownVerb;
            return false;
        }

        bool takesTarget = known is ControlVerb.Hold or ControlVerb.Release or ControlVerb.Delete;
        if (takesTarget && words.Length < 2)
        {
            error = ControlRequestError.MissingTarget;
            return false;
        }

        if (words.Length > (takesTarget ? 2 : 1))
        {
            error = ControlRequestError.UnexpectedArgument;
            return false;
        }

        if (takesTarget && !IsTarget(words[1]))
        {
            error = ControlRequestError.NotAQueueId;
            return false;
        }

        request = new ControlRequest(known, takesTarget ? words[1] : null);
        error = ControlRequestError.None;
        return true;
    }

    /// <summary>"all" or a queue id: the only targets the queue manager is ever handed.</summary>
    public static bool IsTarget(string target) => target == All || QueueIdGenerator.IsValid(target);

    /// <summary>The text of the "error" reply for a refused request.</summary>
    public static string Describe(ControlRequestError error) => error switch
    {
        ControlRequestError.Empty => "empty request",
        ControlRequestError.UnknownVerb => "unknown request (flush, hold ID|all, release ID|all, delete ID|all, status)",
        ControlRequestError.MissingTarget => "which message? (a queue id, or all)",
        ControlRequestError.UnexpectedArgument => "too many words in the request",
        ControlRequestError.NotAQueueId => "no such message: not a queue id",
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
        _ => "status",
    };
}
