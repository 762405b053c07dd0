namespace Relaybox.Integration.Tests.Harness;

/// <summary>The bytes a terminal sends for the keys the console's line editor handles.</summary>
public static class PtyKeys
{
    public const byte CtrlC = 0x03;
    public const byte CtrlD = 0x04;
    public const byte CtrlU = 0x15;
    public const byte CtrlW = 0x17;
    public const byte Escape = 0x1b;

    /// <summary>What the Backspace key sends on vt220-style terminals and every terminal emulator (DEL).</summary>
    public const byte Backspace = 0x7f;

    /// <summary>Ctrl-H, what some serial terminals send for Backspace instead.</summary>
    public const byte CtrlH = 0x08;

    public const byte Enter = (byte)'\r';
}
