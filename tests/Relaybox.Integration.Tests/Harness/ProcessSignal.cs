namespace Relaybox.Integration.Tests.Harness;

public enum ProcessSignal
{
    Hup = 1,
    Kill = 9,
    Term = 15,
}
