using System.Reflection;
using Replay.Wasm.Binary;
using Replay.Wasm.Tests.Support;
using Replay.Wasm.Types;
using static Replay.Wasm.Tests.Support.Bytes;

namespace Replay.Wasm.Tests.Binary;

public class OperatorReaderTests
{
    /// <summary>Records which visitor method was called, with its arguments (the reader sees it as an ordinary visitor).</summary>
    public class Recorder : DispatchProxy
    {
        public List<(string Method, object?[] Args)> Calls { get; } = [];

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            Calls.Add((targetMethod!.Name, args ?? []));
            return null;
        }
    }

    private static (Recorder Recorder, int Consumed) ReadOne(byte[] code)
    {
        var visitor = DispatchProxy.Create<IOperatorVisitor, Recorder>();
        var reader = new OperatorReader(code, 100);
        reader.Read(ref visitor);
        Assert.Equal(100, reader.OperatorOffset);
        return ((Recorder)visitor, reader.Position - 100);
    }

    /// <summary>Immediate bytes for an operator, derived from its visitor method's parameters, and the values they decode to.</summary>
    private static (byte[] Bytes, object[] Values) Immediates(Opcode op, MethodInfo method)
    {
        var bytes = new List<byte>();
        var values = new List<object>();
        foreach (var p in method.GetParameters())
        {
            var t = p.ParameterType;
            if (op == Opcode.F32Const)
            {
                bytes.AddRange([0x00, 0x00, 0xC0, 0x7F]);
                values.Add(0x7FC00000u);
            }
            else if (op == Opcode.F64Const)
            {
                bytes.AddRange([1, 0, 0, 0, 0, 0, 0xF8, 0x7F]);
                values.Add(0x7FF8000000000001ul);
            }
            else if (t == typeof(uint))
            {
                uint v = 300u + (uint)values.Count;
                bytes.AddRange(U32(v));
                values.Add(v);
            }
            else if (t == typeof(int))
            {
                bytes.AddRange(S64(-70000));
                values.Add(-70000);
            }
            else if (t == typeof(long))
            {
                bytes.AddRange(S64(long.MinValue));
                values.Add(long.MinValue);
            }
            else if (t == typeof(BlockType))
            {
                bytes.Add(0x7E);
                values.Add(BlockType.Of(ValType.I64));
            }
            else if (t == typeof(MemArg))
            {
                bytes.AddRange(Cat(U32(3), U32(0xFFFF_FFFF)));
                values.Add(new MemArg(3, 0xFFFF_FFFF));
            }
            else if (t == typeof(ValType))
            {
                if (op == Opcode.TypedSelect) bytes.Add(0x01);
                bytes.Add(0x6F);
                values.Add(ValType.ExternRef);
            }
            else
            {
                throw new InvalidOperationException($"no immediate encoding for {t}");
            }
        }
        // Reserved zero bytes that are not visitor parameters.
        int zeros = op switch
        {
            Opcode.MemorySize or Opcode.MemoryGrow or Opcode.MemoryFill or Opcode.MemoryInit => 1,
            Opcode.MemoryCopy => 2,
            _ => 0,
        };
        for (int i = 0; i < zeros; i++) bytes.Add(0x00);
        return ([.. bytes], [.. values]);
    }

    [Fact]
    public void EveryOpcodeDispatchesToItsVisitMethodWithItsImmediates()
    {
        var methods = typeof(IOperatorVisitor).GetMethods().ToDictionary(m => m.Name);
        var opcodes = Enum.GetValues<Opcode>();
        Assert.Equal(methods.Count, opcodes.Length);
        foreach (var op in opcodes)
        {
            // A proxy cannot box the ref struct BrTable; br_table has its own tests below.
            if (op == Opcode.BrTable) continue;
            var method = methods["Visit" + op];
            var (imm, values) = Immediates(op, method);
            ushort code = (ushort)op;
            byte[] prefix = code > 0xFF ? Cat([0xFC], U32((uint)(code & 0xFF))) : [(byte)code];
            var bytes = Cat(prefix, imm);
            var (recorder, consumed) = ReadOne(bytes);
            Assert.Equal(bytes.Length, consumed);
            var call = Assert.Single(recorder.Calls);
            Assert.Equal(method.Name, call.Method);
            for (int i = 0; i < values.Length; i++)
            {
                Assert.Equal(values[i], call.Args[i]);
            }
            Assert.DoesNotContain("opcode", op.Name(), StringComparison.Ordinal);
        }
    }

    private sealed class BrTableVisitor(List<uint> targets) : OperatorVisitorBase
    {
        public uint Default { get; private set; }

        public override void VisitBrTable(BrTable table)
        {
            foreach (uint t in table) targets.Add(t);
            foreach (uint t in table) targets.Add(t); // re-enumerable
            Default = table.Default;
            Assert.Equal(3, table.Count);
        }
    }

    [Fact]
    public void BrTableTargetsEnumerateWithoutAllocation()
    {
        var nv = default(NullVisitor);
        var reader = new OperatorReader(Cat([0x0E], U32(3), U32(0), U32(200), U32(1), U32(7)), 0);
        reader.Read(ref nv);
        Assert.True(reader.AtEnd);

        var targets = new List<uint>();
        var probe = new BrTableVisitor(targets);
        reader = new OperatorReader(Cat([0x0E], U32(3), U32(0), U32(200), U32(1), U32(7)), 0);
        reader.Read(ref probe);
        Assert.Equal(new uint[] { 0, 200, 1, 0, 200, 1 }, targets);
        Assert.Equal(7u, probe.Default);
    }

    [Fact]
    public void BrTableCountIsCheckedBeforeScanning()
    {
        var nv = default(NullVisitor);
        var ex = Assert.Throws<WasmDecodeException>(() =>
        {
            var reader = new OperatorReader(Cat([0x0E], U32(uint.MaxValue), [0x00]), 0);
            reader.Read(ref nv);
        });
        Assert.Equal("length out of bounds", ex.Rule);
    }

    [Fact]
    public void BlockTypeForms()
    {
        var (r, _) = ReadOne([0x02, 0x40]);
        Assert.Equal(BlockType.Empty, r.Calls[0].Args[0]);
        (r, _) = ReadOne([0x03, 0x7F]);
        Assert.Equal(BlockType.Of(ValType.I32), r.Calls[0].Args[0]);
        (r, _) = ReadOne(Cat([0x04], S64(1_000_000)));
        Assert.Equal(BlockType.OfTypeIndex(1_000_000), r.Calls[0].Args[0]);
    }

    [Fact]
    public void OffsetsAreAbsolute()
    {
        var visitor = DispatchProxy.Create<IOperatorVisitor, Recorder>();
        var reader = new OperatorReader([0x01, 0x41, 0x05, 0x0B], 1000, 3);
        var offsets = new List<int>();
        while (!reader.AtEnd)
        {
            reader.Read(ref visitor);
            offsets.Add(reader.OperatorOffset);
        }
        Assert.Equal([1000, 1001, 1003], offsets);
        Assert.Equal(3, reader.FunctionIndex);
    }

    [Fact]
    public void OpcodeNamesAreTextFormat()
    {
        Assert.Equal("i32.trunc_sat_f64_u", Opcode.I32TruncSatF64U.Name());
        Assert.Equal("select", Opcode.TypedSelect.Name());
        Assert.Equal("br_table", Opcode.BrTable.Name());
        Assert.Equal("memory.init", Opcode.MemoryInit.Name());
    }
}
