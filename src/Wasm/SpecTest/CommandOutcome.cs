namespace Replay.Wasm.SpecTest;

/// <summary>What one command came to: passed, failed (with what was expected and what happened) or skipped (with why).</summary>
internal readonly record struct CommandOutcome(CommandVerdict Verdict, string? Expected = null, string? Actual = null, string? SkipReason = null)
{
    public static CommandOutcome Pass { get; } = new(CommandVerdict.Pass);

    public static CommandOutcome Fail(string expected, string actual) => new(CommandVerdict.Fail, expected, actual);

    public static CommandOutcome Skip(string reason) => new(CommandVerdict.Skip, SkipReason: reason);
}

internal enum CommandVerdict : byte
{
    Pass,
    Fail,
    Skip,
}
