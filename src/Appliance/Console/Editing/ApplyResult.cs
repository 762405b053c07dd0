using Relaybox.Appliance.Configuration;

namespace Relaybox.Appliance.Console.Editing;

/// <summary>How an apply ended.</summary>
public enum ApplyOutcome
{
    /// <summary>Written, and the running daemon reloaded them.</summary>
    AppliedAndReloaded,

    /// <summary>Written; no daemon runs, so they take effect when it starts.</summary>
    AppliedNotRunning,

    /// <summary>Written, but the daemon refused or failed the reload (its reason is in <see cref="ApplyResult.Problem"/>); it keeps its old settings.</summary>
    AppliedReloadFailed,

    /// <summary>Nothing written: the draft has errors (<see cref="ApplyResult.Diagnostics"/>) or a file could not be written.</summary>
    NotApplied,
}

/// <param name="Written">What was written, one line each, for the operator.</param>
public sealed record ApplyResult(ApplyOutcome Outcome, IReadOnlyList<string> Written, IReadOnlyList<ConfigDiagnostic> Diagnostics, string? Problem)
{
    public bool WroteFiles => Outcome != ApplyOutcome.NotApplied;
}
