using Replay.Engine.Register;
using Replay.Engine.Stack;
using Replay.Wasm.Runtime;

namespace Replay.SpecTests;

/// <summary>The engines under test, by the names the CLI and reports use.</summary>
internal static class Engines
{
    public static Func<EngineConfig, IEngine> Factory(string name) => name switch
    {
        "stack" => c => new StackEngine(c),
        "register" => c => new RegisterEngine(c),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown engine"),
    };

    /// <summary>
    /// Every mode each engine supports: the stack engine models Wasmi 0.31, which compiles
    /// eagerly only; the register engine has all three.
    /// </summary>
    public static TheoryData<string, CompilationMode> EveryEngineAndMode()
    {
        var data = new TheoryData<string, CompilationMode> { { "stack", CompilationMode.Eager } };
        foreach (var mode in Enum.GetValues<CompilationMode>())
            data.Add("register", mode);
        return data;
    }
}
