namespace Relaybox.Smtp.Delivery.Probe;

/// <summary>
/// The outcome of the smarthost connection test: the steps that worked as short lines, and for a failure the step,
/// one line saying what failed and one saying what to do. Never holds the password or AUTH exchange lines.
/// </summary>
public sealed record ProbeReport
{
    public bool Succeeded => FailedStage == ProbeStage.None;

    public ProbeStage FailedStage { get; init; }

    /// <summary>One line: what happened ("certificate not trusted: issued by 'X' to 'Y'; ...").</summary>
    public string Summary { get; init; } = string.Empty;

    /// <summary>One line: what to do about it; empty on success.</summary>
    public string Advice { get; init; } = string.Empty;

    /// <summary>The steps that succeeded, in order ("DNS: smtp.example.net → 192.0.2.5", "TCP: connected to 192.0.2.5:587").</summary>
    public IReadOnlyList<string> Steps { get; init; } = [];

    /// <summary>The server's certificate when the test got as far as seeing one (trusted or not).</summary>
    public ProbeCertificate? Certificate { get; init; }

    /// <summary>The server's reply that ended the test (a refused greeting, EHLO, STARTTLS or AUTH), as it sent it.</summary>
    public string? ServerReply { get; init; }
}
