namespace Relaybox.Appliance.Console.Terminal;

/// <summary>
/// The terminal went away (cable pulled, hangup, end of input stream). Thrown out of every prompt so that the
/// console unwinds at once without writing anything: changes are only written by an apply the operator confirmed.
/// </summary>
public sealed class TerminalDisconnectedException() : Exception("the terminal was disconnected");
