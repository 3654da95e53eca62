using Replay.Wasm;

namespace Replay.Engine.Stack;

/// <summary>Identity of the legacy stack interpreter.</summary>
public static class StackEngineInfo
{
    public static EngineIdentity Identity { get; } = new(
        "stack",
        EngineIdentity.VersionOf(typeof(StackEngineInfo)),
        "Wasmi 0.31 stack machine, eager compilation, Wasmi 0.31 fuel model");
}
