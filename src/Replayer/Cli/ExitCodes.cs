namespace Replay.Replayer.Cli;

/// <summary>
/// Process exit codes. CI jobs branch on these, so they are part of the interface.
/// </summary>
public static class ExitCodes
{
    /// <summary>The command did what it was asked and found nothing wrong.</summary>
    public const int Ok = 0;

    /// <summary>The command ran but found what it checks for (a divergence, a failed check).</summary>
    public const int Findings = 1;

    /// <summary>The command could not run: bad usage, unreachable database, unreadable input.</summary>
    public const int Error = 2;
}
