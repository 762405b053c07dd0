namespace Relaybox.Appliance.Cli;

/// <summary>Process exit codes, from sysexits.h where one fits.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    /// <summary>EX_USAGE.</summary>
    public const int Usage = 64;
    /// <summary>EX_CONFIG: the configuration has errors.</summary>
    public const int Config = 78;
}
