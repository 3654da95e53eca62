using Replay.Soroban.Profile;
using Replay.Wasm;
using Replay.Wasm.Binary;
using Replay.Wasm.Features;
using Replay.Wasm.Tests.Support;
using Replay.Wasm.Types;
using Replay.Wasm.Validation;
using static Replay.Wasm.Tests.Support.Bytes;

namespace Replay.Wasm.Tests.Validation;

/// <summary>Wasmi 0.31's implementation limits: just inside is accepted, just past is rejected with wasmparser's text.</summary>
public class LimitsTests
{
    private static readonly WasmLimits Wasmi = WasmLimits.Wasmi031;

    private static void Accepts(TestModule m) =>
        ModuleValidator.Validate(m.Decode(SorobanProfile.Features), SorobanProfile.Features, validateBodies: true, Wasmi);

    private static void Rejects(TestModule m, string rule)
    {
        var module = m.Decode(SorobanProfile.Features);
        // The spec has no such limit.
        ModuleValidator.Validate(module, SorobanProfile.Features, validateBodies: true);
        var ex = Assert.Throws<WasmValidationException>(() => ModuleValidator.Validate(module, SorobanProfile.Features, validateBodies: true, Wasmi));
        Assert.Equal(rule, ex.Rule);
    }

    [Fact]
    public void LocalsIncludeParameters()
    {
        ValType[] twoParams = [ValType.I32, ValType.I32];
        Accepts(new TestModule().Func(twoParams, [], new Code().End(), Cat(U32(1), U32(49_998), [0x7F])));
        Rejects(new TestModule().Func(twoParams, [], new Code().End(), Cat(U32(1), U32(49_999), [0x7F])), "too many locals: locals exceed maximum");
    }

    [Fact]
    public void BrTableTargets()
    {
        Code Table(int n) => new Code().Block(Opcode.Block).I32(0).Op(Opcode.BrTable, [(uint)n, .. Enumerable.Repeat(0u, n), 0u]).End().End();
        Accepts(new TestModule().Func(Table(128 * 1024)));
        Rejects(new TestModule().Func(Table(128 * 1024 + 1)), "br_table size is out of bounds");
    }

    [Fact]
    public void SignatureSizes()
    {
        var many = Enumerable.Repeat(ValType.I32, 1001).ToArray();
        Accepts(new TestModule().ImportFunc("a", "b", many[..1000], []));
        Rejects(new TestModule().ImportFunc("a", "b", many, []), "function params size is out of bounds");
    }

    [Fact]
    public void NamesAndExports()
    {
        Accepts(new TestModule().ImportGlobal(new string('m', 100_000), "g", ValType.I32, false));
        Rejects(new TestModule().ImportGlobal(new string('m', 100_001), "g", ValType.I32, false), "string size out of bounds");
        var exports = new TestModule().Func(new Code().End());
        for (int i = 0; i <= 100_000; i++) exports.Export(i.ToString(System.Globalization.CultureInfo.InvariantCulture), ExternKind.Func, 0);
        Rejects(exports, "exports count exceeds limit of 100000");
    }

    [Fact]
    public void TableSize()
    {
        Accepts(new TestModule().Table(10_000_000));
        Rejects(new TestModule().Table(10_000_001), "minimum table size is out of bounds");
    }

    [Fact]
    public void WasmiEnforcedLimitsUnderSoroban()
    {
        void Check(TestModule ok, TestModule bad, string rule)
        {
            var limits = SorobanProfile.Limits(EngineGeneration.Wasmi036);
            ModuleValidator.Validate(ok.Decode(SorobanProfile.Features), SorobanProfile.Features, validateBodies: true, limits);
            var module = bad.Decode(SorobanProfile.Features);
            ModuleValidator.Validate(module, SorobanProfile.Features, validateBodies: true, WasmLimits.Wasmi031);
            var ex = Assert.Throws<WasmValidationException>(() => ModuleValidator.Validate(module, SorobanProfile.Features, validateBodies: true, limits));
            Assert.Equal(rule, ex.Rule);
        }

        var i32s = Enumerable.Repeat(ValType.I32, 33).ToArray();
        Check(new TestModule().ImportFunc("a", "b", i32s[..32], []), new TestModule().ImportFunc("a", "b", i32s, []),
            "a function type exceeds the limit of 32 parameters");

        TestModule Functions(int n)
        {
            var m = new TestModule();
            for (int i = 0; i < n; i++) m.Func(new Code().End());
            return m;
        }
        Check(Functions(10_000), Functions(10_001), "the Wasm modules exceeds the limit of 10000 functions");

        TestModule Globals(int n)
        {
            var m = new TestModule();
            for (int i = 0; i < n; i++) m.Global(ValType.I32, false, new Code().I32(0).End());
            return m;
        }
        Check(Globals(1000), Globals(1001), "the Wasm module exceeds the limit of 1000 global variables");

        TestModule Data(int n)
        {
            var m = new TestModule().Memory();
            for (int i = 0; i < n; i++) m.Data(Cat(U32(1), Vec()));
            return m;
        }
        Check(Data(1000), Data(1001), "the Wasm module exceeds the limit of 1000 active data segments");

        // Imported functions do not count towards Wasmi's function limit.
        var imports = Functions(10_000).ImportFunc("a", "b", [], []);
        ModuleValidator.Validate(imports.Decode(SorobanProfile.Features), SorobanProfile.Features, validateBodies: false, SorobanProfile.Limits(EngineGeneration.Wasmi036));
    }
}
