namespace Relaybox.Smtp.Protocol;

/// <summary>
/// One parsed command line. Only the fields of its verb are set; <see cref="Error"/> is not
/// <see cref="CommandError.None"/> when the line was refused by syntax alone.
/// </summary>
public readonly record struct SmtpCommand
{
    public SmtpVerb Verb { get; init; }

    public CommandError Error { get; init; }

    /// <summary>The HELO/EHLO argument.</summary>
    public string? Domain { get; init; }

    public MailParameters? Mail { get; init; }

    public RcptParameters? Rcpt { get; init; }

    /// <summary>BDAT chunk size in octets.</summary>
    public long ChunkSize { get; init; }

    /// <summary>BDAT ... LAST.</summary>
    public bool LastChunk { get; init; }

    /// <summary>The AUTH mechanism name, upper-cased.</summary>
    public string? Mechanism { get; init; }

    /// <summary>
    /// The decoded AUTH initial response; null when none was given (RFC 4954 section 4), empty for "=".
    /// It can hold a password: the session zeroes it after use and never logs it.
    /// </summary>
    public byte[]? InitialResponse { get; init; }

    public bool IsValid => Error == CommandError.None;

    public static SmtpCommand Failed(SmtpVerb verb, CommandError error) => new() { Verb = verb, Error = error };
}
