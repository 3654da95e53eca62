using Replay.Engine.Register;
using Replay.Engine.Stack;
using Replay.Wasm.Runtime;

namespace Replay.Engines.Tests.Support;

/// <summary>The engine configurations every differential test compares.</summary>
internal static class EngineMatrix
{
    public static IEnumerable<(string Name, IEngine Engine)> All()
    {
        yield return ("stack", new StackEngine(new EngineConfig()));
        foreach (var mode in Enum.GetValues<CompilationMode>())
            yield return ($"register/{mode}", new RegisterEngine(new EngineConfig { Mode = mode }));
    }

    /// <summary>Runs the calls everywhere (our engines and Wasmtime), asserts one outcome and returns it.</summary>
    public static Outcome AssertAgree(byte[] wasm, IReadOnlyList<CallSpec> calls, IReadOnlyList<string> globals, string label)
    {
        var outcome = WasmtimeRunner.Run(wasm, calls, globals);
        var reference = outcome.ToString();
        foreach (var (name, engine) in All())
        {
            var actual = EngineRunner.Run(engine, wasm, calls, globals).ToString();
            Assert.True(reference == actual, $"{label}: {name} differs from wasmtime\n--- wasmtime\n{reference}\n--- {name}\n{actual}");
        }
        return outcome;
    }
}
