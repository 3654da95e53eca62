using Replay.Wasm.Runtime;

namespace Replay.Engines.Tests.Support;

/// <summary>Differential runs: every engine of the catalog in every mode it has, against Wasmtime.</summary>
internal static class EngineMatrix
{
    /// <summary>Runs the calls everywhere (our engines and Wasmtime), asserts one outcome and returns it.</summary>
    public static Outcome AssertAgree(byte[] wasm, IReadOnlyList<CallSpec> calls, IReadOnlyList<string> globals, string label)
    {
        var outcome = WasmtimeRunner.Run(wasm, calls, globals);
        var reference = outcome.ToString();
        foreach (var variant in EngineCatalog.Variants)
        {
            var actual = EngineRunner.Run(variant.Create(new EngineConfig()), wasm, calls, globals).ToString();
            Assert.True(reference == actual, $"{label}: {variant} differs from wasmtime\n--- wasmtime\n{reference}\n--- {variant}\n{actual}");
        }
        return outcome;
    }
}
