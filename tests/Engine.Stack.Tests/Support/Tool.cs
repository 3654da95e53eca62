using Replay.Tooling;

namespace Replay.Engine.Stack.Tests.Support;

/// <summary>Runs an external tool the tests compare against or build with (wabt, clang).</summary>
internal static class Tool
{
    /// <summary>Runs a tool; fails with its message (or with a clear note when the tool is missing).</summary>
    public static string Run(string tool, string arguments, string? workingDirectory = null) =>
        ExternalTool.RunChecked(tool, arguments, workingDirectory);
}
