using Replay.Soroban.Profile;
using Replay.Tooling;
using Replay.Wasm;
using Replay.Wasm.Binary;
using Replay.Wasm.Features;
using Replay.Wasm.Tests.Support;
using Replay.Wasm.Types;
using Replay.Wasm.Validation;
using Xunit.Abstractions;
using static Replay.Wasm.Tests.Support.Bytes;

namespace Replay.Wasm.Tests.Hostile;

/// <summary>
/// Seeded random and mutated modules: whatever the bytes, the front end either accepts them or
/// throws its own exception type. Any other exception (index out of range, overflow, out of
/// memory) is a bug. Deterministic: the seed and case number of a failure reproduce it.
/// </summary>
public class FuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20261123;

    /// <summary>Valid modules exercising every section and a spread of operators, to mutate.</summary>
    internal static List<byte[]> Seeds()
    {
        var seeds = new List<byte[]>();
        var passive = Cat(U32(1), Vec([1], [2], [3]));
        var full = new TestModule()
            .ImportFunc("env", "f", [ValType.I32, ValType.I64], [ValType.I64])
            .ImportGlobal("env", "g", ValType.I32, false)
            .Table(4).Memory(1, 2)
            .Global(ValType.I64, true, new Code().I64(-1).End())
            .Global(ValType.F32, false, new Code().F32(1.5f).End())
            .Export("run", ExternKind.Func, 1).Export("mem", ExternKind.Memory, 0)
            .Element(Cat(U32(0), new Code().I32(0).End().ToArray(), Vec(U32(0), U32(1))))
            .Element(Cat(U32(5), [0x70], Vec(new Code().Op(Opcode.RefFunc, 1).End().ToArray())))
            .DataCount(2)
            .Data(Cat(U32(0), new Code().Op(Opcode.GlobalGet, 0).End().ToArray(), Vec([9], [8])))
            .Data(passive);
        uint i64ToI64 = full.Type([ValType.I64], [ValType.I64]);
        full.Func([ValType.I32], [ValType.I64], new Code()
            .Op(Opcode.LocalGet, 0).Block(Opcode.If, ValType.I64).I64(5).Op(Opcode.Else).I64(7).End()
            .Op(Opcode.LocalGet, 0).Op(Opcode.I64ExtendI32U).Op(Opcode.I64Add)
            .Block(Opcode.Block).Block(Opcode.Loop).Op(Opcode.LocalGet, 0).Op(Opcode.BrTable, 2, 0, 1, 1).End().End()
            .I32(0).Load(Opcode.I64Load, 3, 8).Op(Opcode.I64Xor)
            .I32(0).Op(Opcode.LocalGet, 1).Load(Opcode.I64Store32, 2)
            .Op(Opcode.LocalGet, 0).I64(2).Op(Opcode.Call, 0).Op(Opcode.I64Mul)
            .I32(0).I32(1).I32(2).Op(Opcode.MemoryInit, 1).Raw(0).Op(Opcode.DataDrop, 1)
            .F32(2f).Op(Opcode.I64TruncSatF32S).Op(Opcode.I64Or)
            .Op(Opcode.GlobalGet, 1).Op(Opcode.I64Extend8S).Op(Opcode.I64Sub)
            .I32(1).Op(Opcode.CallIndirect, i64ToI64, 0)
            .End(), Cat(U32(1), U32(2), [0x7E]));
        seeds.Add(full.ToBytes());
        seeds.Add(new TestModule().Func([], [ValType.I32], new Code().I32(1).Block(Opcode.Block, ValType.I32).I32(2).End().Op(Opcode.I32Add).End()).ToBytes());
        seeds.Add(Wabt.Wat2Wasm("""
            (module
              (type $t (func (param i32 i32) (result i32 i32)))
              (table $t1 2 externref) (table $t2 2 funcref)
              (func $swap (type $t) local.get 1 local.get 0)
              (func (export "x") (param f64) (result i32)
                (block (result i32) (i32.const 1) (i32.const 2) (call $swap) (i32.add))
                (ref.null extern) (i32.const 1) (table.grow $t1) (i32.add)
                (local.get 0) (i32.trunc_sat_f64_u) (i32.add)
                (select (result i32) (i32.const 1) (i32.const 2) (i32.const 0)) (i32.add))
              (elem declare func $swap))
            """));
        return seeds;
    }

    private static void Feed(byte[] bytes, FuncValidator validator, WasmFeatures features, WasmLimits? limits = null)
    {
        validator.Limits = limits ?? WasmLimits.None;
        try
        {
            var m = ModuleDecoder.Decode(bytes, features);
            ModuleValidator.Validate(m, features, validateBodies: false, limits);
            for (int f = m.ImportedFunctionCount; f < m.FunctionCount; f++) validator.Validate(m, f, features);
        }
        catch (WasmFrontEndException)
        {
        }
    }

    [Fact]
    public void MutatedModulesOnlyRaiseFrontEndErrors()
    {
        var seeds = Seeds();
        foreach (var s in seeds) Expect.Valid(s);
        var rng = new Random(Seed);
        var validator = new FuncValidator();
        const int cases = 20_000;
        for (int i = 0; i < cases; i++)
        {
            var bytes = (byte[])seeds[rng.Next(seeds.Count)].Clone();
            int edits = 1 + rng.Next(4);
            for (int e = 0; e < edits; e++) Mutate(rng, ref bytes);
            bool soroban = rng.Next(2) == 0;
            try
            {
                if (soroban) Feed(bytes, validator, SorobanProfile.Features, SorobanProfile.Limits(EngineGeneration.Wasmi036));
                else Feed(bytes, validator, WasmFeatures.Spec);
            }
            catch (Exception ex)
            {
                Assert.Fail($"case {i} (seed {Seed}): {ex.GetType().Name}: {ex.Message}\n{Convert.ToHexString(bytes)}");
            }
        }
        output.WriteLine($"{cases} mutated modules");
    }

    [Fact]
    public void RandomBytesOnlyRaiseFrontEndErrors()
    {
        var rng = new Random(Seed + 1);
        var validator = new FuncValidator();
        for (int i = 0; i < 20_000; i++)
        {
            var body = new byte[rng.Next(64)];
            rng.NextBytes(body);
            // Mostly behind a valid header so the section decoders are reached.
            var bytes = rng.Next(8) == 0 ? body : Cat(Header, body);
            try
            {
                Feed(bytes, validator, WasmFeatures.Spec);
            }
            catch (Exception ex)
            {
                Assert.Fail($"case {i} (seed {Seed + 1}): {ex.GetType().Name}: {ex.Message}\n{Convert.ToHexString(bytes)}");
            }
        }
    }

    private static void Mutate(Random rng, ref byte[] bytes)
    {
        if (bytes.Length == 0) return;
        int at = rng.Next(bytes.Length);
        switch (rng.Next(6))
        {
            case 0: bytes[at] = (byte)rng.Next(256); break;
            case 1: bytes[at] ^= (byte)(1 << rng.Next(8)); break;
            case 2: bytes = [.. bytes[..at], .. bytes[(at + 1)..]]; break;
            case 3: bytes = [.. bytes[..at], (byte)rng.Next(256), .. bytes[at..]]; break;
            case 4: bytes = bytes[..at]; break;
            default:
                // Interesting values: LEB continuation, max bytes, common opcodes.
                byte[] pick = [0x80, 0xFF, 0x00, 0x7F, 0x0B, 0x02, 0x40, 0x41, 0xFC];
                bytes[at] = pick[rng.Next(pick.Length)];
                break;
        }
    }
}
