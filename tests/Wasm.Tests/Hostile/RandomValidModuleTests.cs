using System.Diagnostics;
using Replay.Wasm.Binary;
using Replay.Wasm.Features;
using Replay.Wasm.Tests.Support;
using Replay.Wasm.Types;
using Replay.Wasm.Validation;
using Xunit.Abstractions;
using static Replay.Wasm.Tests.Support.Bytes;

namespace Replay.Wasm.Tests.Hostile;

/// <summary>
/// The accepting direction: randomly generated well-typed functions (blocks with results, branches,
/// br_table, unreachable code, calls, memory, globals, every value type) must all validate.
/// wabt's wasm-validate checks a sample, so a generator mistake cannot pass for a validator bug.
/// </summary>
public class RandomValidModuleTests(ITestOutputHelper output)
{
    private static readonly ValType[] Types = [ValType.I32, ValType.I64, ValType.F32, ValType.F64];

    /// <summary>Emits type-correct code; each Push method leaves exactly one value of the requested type.</summary>
    private sealed class Generator(Random rng)
    {
        private readonly Code _code = new();
        private int _depth;

        // Locals: parameter 0 is i32; declared locals 1..8 are two of each type in Types order.
        private static uint LocalOf(ValType t, int which) => 1 + (uint)(Array.IndexOf(Types, t) * 2 + which);

        // Globals: 0..3 immutable, 4..7 mutable, one per type in Types order.
        private static uint GlobalOf(ValType t, bool mutable) => (uint)(Array.IndexOf(Types, t) + (mutable ? 4 : 0));

        // Imported functions 0..3: (i32, i64) -> t, one per type.
        private static uint ImportOf(ValType t) => (uint)Array.IndexOf(Types, t);

        public byte[] Body(ValType result)
        {
            for (int i = rng.Next(4); i > 0; i--) Statement();
            Push(result);
            _code.End();
            return _code.ToArray();
        }

        private static Opcode Add(ValType t) => t switch
        {
            ValType.I32 => Opcode.I32Add,
            ValType.I64 => Opcode.I64Add,
            ValType.F32 => Opcode.F32Add,
            _ => Opcode.F64Add,
        };

        private static Opcode Load(ValType t) => t switch
        {
            ValType.I32 => Opcode.I32Load,
            ValType.I64 => Opcode.I64Load,
            ValType.F32 => Opcode.F32Load,
            _ => Opcode.F64Load,
        };

        private static Opcode Store(ValType t) => t switch
        {
            ValType.I32 => Opcode.I32Store,
            ValType.I64 => Opcode.I64Store,
            ValType.F32 => Opcode.F32Store,
            _ => Opcode.F64Store,
        };

        private static uint NaturalAlign(ValType t) => t is ValType.I64 or ValType.F64 ? 3u : 2u;

        private ValType AnyType() => Types[rng.Next(Types.Length)];

        private void Const(ValType t)
        {
            switch (t)
            {
                case ValType.I32: _code.I32(rng.Next()); break;
                case ValType.I64: _code.I64(rng.NextInt64()); break;
                case ValType.F32: _code.F32((float)rng.NextDouble()); break;
                default: _code.F64(rng.NextDouble()); break;
            }
        }

        private void Push(ValType t)
        {
            if (_depth > 6)
            {
                Const(t);
                return;
            }
            _depth++;
            switch (rng.Next(16))
            {
                case 0: Const(t); break;
                case 1: _code.Op(Opcode.LocalGet, LocalOf(t, rng.Next(2))); break;
                case 2: Push(t); Push(t); _code.Op(Add(t)); break;
                case 3:
                    _code.Block(Opcode.Block, t);
                    Statement();
                    Push(t);
                    _code.End();
                    break;
                case 4:
                    // A branch out of a block, with unreachable code after it.
                    _code.Block(Opcode.Block, t);
                    Push(t);
                    _code.Op(Opcode.Br, 0);
                    if (rng.Next(2) == 0) _code.Op(Opcode.I32Add).Op(Opcode.Drop);
                    _code.End();
                    break;
                case 5:
                    Push(ValType.I32);
                    _code.Block(Opcode.If, t);
                    Push(t);
                    _code.Op(Opcode.Else);
                    Push(t);
                    _code.End();
                    break;
                case 6: Push(t); Push(t); Push(ValType.I32); _code.Op(Opcode.Select); break;
                case 7:
                    _code.Block(Opcode.Block, t);
                    Push(t);
                    Push(ValType.I32);
                    _code.Op(Opcode.BrIf, 0);
                    _code.End();
                    break;
                case 8:
                    _code.Block(Opcode.Block, t).Block(Opcode.Block, t);
                    Push(t);
                    Push(ValType.I32);
                    _code.Op(Opcode.BrTable, 3, 0, 1, 0, 1);
                    _code.End().End();
                    break;
                case 9: Push(ValType.I32); _code.Load(Load(t), NaturalAlign(t), (uint)rng.Next(64)); break;
                case 10: Push(ValType.I32); Push(ValType.I64); _code.Op(Opcode.Call, ImportOf(t)); break;
                case 11: _code.Op(Opcode.GlobalGet, GlobalOf(t, rng.Next(2) == 0)); break;
                case 12: Push(t); _code.Op(Opcode.LocalTee, LocalOf(t, rng.Next(2))); break;
                case 13:
                    // A whole block of unreachable code typed by polymorphism.
                    _code.Block(Opcode.Block, t).Op(Opcode.Unreachable).Op(Opcode.Select).End();
                    break;
                case 14:
                    _code.Block(Opcode.Loop, t);
                    Push(ValType.I32);
                    _code.Op(Opcode.BrIf, 0);
                    Push(t);
                    _code.End();
                    break;
                default:
                    if (t == ValType.I32) { Push(AnyType()); _code.Op(Opcode.Drop); Push(ValType.I64); _code.Op(Opcode.I32WrapI64); }
                    else if (t == ValType.I64) { Push(ValType.I32); _code.Op(Opcode.I64ExtendI32S); }
                    else if (t == ValType.F32) { Push(ValType.F64); _code.Op(Opcode.F32DemoteF64); }
                    else { Push(ValType.I32); _code.Op(Opcode.F64ConvertI32U); }
                    break;
            }
            _depth--;
        }

        private void Statement()
        {
            var t = AnyType();
            switch (rng.Next(5))
            {
                case 0: Push(t); _code.Op(Opcode.Drop); break;
                case 1: Push(ValType.I32); Push(t); _code.Load(Store(t), NaturalAlign(t)); break;
                case 2: Push(t); _code.Op(Opcode.LocalSet, LocalOf(t, rng.Next(2))); break;
                case 3: Push(t); _code.Op(Opcode.GlobalSet, GlobalOf(t, true)); break;
                default: _code.Op(Opcode.Nop); break;
            }
        }
    }

    private static byte[] RandomModule(Random rng)
    {
        var m = new TestModule();
        foreach (var t in Types) m.ImportFunc("env", "f" + t.Name(), [ValType.I32, ValType.I64], [t]);
        m.Memory(1);
        foreach (var mutable in new[] { false, true })
            foreach (var t in Types)
                m.Global(t, mutable, t switch
                {
                    ValType.I32 => new Code().I32(1).End(),
                    ValType.I64 => new Code().I64(1).End(),
                    ValType.F32 => new Code().F32(1).End(),
                    _ => new Code().F64(1).End(),
                });
        var locals = Cat(U32(4), U32(2), [0x7F], U32(2), [0x7E], U32(2), [0x7D], U32(2), [0x7C]);
        for (int f = 0; f < 4; f++)
        {
            var result = Types[rng.Next(Types.Length)];
            var body = new Generator(rng).Body(result);
            m.Func([ValType.I32], [result], new Code().Raw(body), locals);
        }
        return m.ToBytes();
    }

    [Fact]
    public void GeneratedWellTypedModulesValidate()
    {
        var rng = new Random(77);
        var validator = new FuncValidator();
        const int modules = 300;
        long bytes = 0;
        for (int i = 0; i < modules; i++)
        {
            var wasm = RandomModule(rng);
            bytes += wasm.Length;
            try
            {
                var m = ModuleDecoder.Decode(wasm, WasmFeatures.Spec);
                ModuleValidator.Validate(m, validateBodies: false);
                for (int f = m.ImportedFunctionCount; f < m.FunctionCount; f++) validator.Validate(m, f);
            }
            catch (WasmFrontEndException ex)
            {
                Assert.Fail($"module {i} rejected: {ex.Message}\n{Convert.ToHexString(wasm)}");
            }
        }
        output.WriteLine($"{modules} generated modules, {bytes} bytes, all valid");
    }

    [Fact]
    public void GeneratorAgreesWithWabt()
    {
        string? tool = null;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
            if (dir.Length > 0 && File.Exists(Path.Combine(dir, "wasm-validate"))) tool = Path.Combine(dir, "wasm-validate");
        if (tool is null)
        {
            output.WriteLine("skipped: wasm-validate not on PATH");
            return;
        }
        var rng = new Random(77);
        var dir2 = Directory.CreateTempSubdirectory("replay-gen-");
        try
        {
            for (int i = 0; i < 20; i++)
            {
                var path = Path.Combine(dir2.FullName, $"{i}.wasm");
                File.WriteAllBytes(path, RandomModule(rng));
                var psi = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true };
                psi.ArgumentList.Add(path);
                using var p = Process.Start(psi)!;
                string err = p.StandardError.ReadToEnd();
                p.StandardOutput.ReadToEnd();
                p.WaitForExit();
                Assert.True(p.ExitCode == 0, $"generated module {i} is invalid for wabt: {err}");
            }
        }
        finally
        {
            dir2.Delete(true);
        }
    }
}
