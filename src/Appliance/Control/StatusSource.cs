namespace Relaybox.Appliance.Control;

/// <summary>
/// What "relaybox status" prints while the daemon runs, one line each ("queue: 3 messages, oldest 2h",
/// "alert: relayhost refuses the login since 10:42"). The daemon supplies it; the control server bounds the
/// number and length of lines, so the source need not.
/// </summary>
public delegate Task<IReadOnlyList<string>> StatusSource(CancellationToken cancellationToken);
