using Replay.Wasm.Binary;
using Replay.Wasm.Features;
using Replay.Wasm.Modules;
using Replay.Wasm.Types;
using static Replay.Wasm.Tests.Support.Bytes;

namespace Replay.Wasm.Tests.Support;

/// <summary>
/// Builds a module with one or more functions plus optional memory, table and globals, the shape
/// most validation tests need. Sections are emitted in the binary format's order.
/// </summary>
internal sealed class TestModule
{
    private readonly List<byte[]> _types = [];
    private readonly List<byte[]> _imports = [];
    private readonly List<uint> _funcs = [];
    private readonly List<byte[]> _bodies = [];
    private readonly List<byte[]> _tables = [];
    private readonly List<byte[]> _memories = [];
    private readonly List<byte[]> _globals = [];
    private readonly List<byte[]> _exports = [];
    private readonly List<byte[]> _elements = [];
    private readonly List<byte[]> _data = [];
    private uint? _dataCount;

    public uint Type(ValType[] parameters, ValType[] results)
    {
        _types.Add(FuncType(parameters, results));
        return (uint)_types.Count - 1;
    }

    public TestModule Func(ValType[] parameters, ValType[] results, Code code, byte[]? locals = null)
    {
        _funcs.Add(Type(parameters, results));
        _bodies.Add(Body(locals ?? NoLocals, code.ToArray()));
        return this;
    }

    /// <summary>A [] -> [] function.</summary>
    public TestModule Func(Code code, byte[]? locals = null) => Func([], [], code, locals);

    public TestModule Memory(uint min = 1, uint? max = null)
    {
        _memories.Add(max is { } m ? Cat([0x01], U32(min), U32(m)) : Cat([0x00], U32(min)));
        return this;
    }

    public TestModule Table(uint min = 1, ValType element = ValType.FuncRef)
    {
        _tables.Add(Cat([(byte)element, 0x00], U32(min)));
        return this;
    }

    public TestModule Global(ValType type, bool mutable, Code init)
    {
        _globals.Add(Cat([(byte)type, mutable ? (byte)1 : (byte)0], init.ToArray()));
        return this;
    }

    public TestModule ImportFunc(string module, string name, ValType[] parameters, ValType[] results)
    {
        _imports.Add(Cat(Name(module), Name(name), [0x00], U32(Type(parameters, results))));
        return this;
    }

    public TestModule ImportGlobal(string module, string name, ValType type, bool mutable)
    {
        _imports.Add(Cat(Name(module), Name(name), [0x03, (byte)type, mutable ? (byte)1 : (byte)0]));
        return this;
    }

    public TestModule Export(string name, ExternKind kind, uint index)
    {
        _exports.Add(Cat(Name(name), [(byte)kind], U32(index)));
        return this;
    }

    /// <summary>Raw element segment bytes (flags onwards).</summary>
    public TestModule Element(params byte[] segment)
    {
        _elements.Add(segment);
        return this;
    }

    /// <summary>Raw data segment bytes (flags onwards).</summary>
    public TestModule Data(params byte[] segment)
    {
        _data.Add(segment);
        return this;
    }

    public TestModule DataCount(uint n)
    {
        _dataCount = n;
        return this;
    }

    public byte[] ToBytes()
    {
        var sections = new List<byte[]>();
        if (_types.Count > 0) sections.Add(Section(SectionId.Type, Vec([.. _types])));
        if (_imports.Count > 0) sections.Add(Section(SectionId.Import, Vec([.. _imports])));
        if (_funcs.Count > 0) sections.Add(Section(SectionId.Function, Vec(_funcs.Select(U32).ToArray())));
        if (_tables.Count > 0) sections.Add(Section(SectionId.Table, Vec([.. _tables])));
        if (_memories.Count > 0) sections.Add(Section(SectionId.Memory, Vec([.. _memories])));
        if (_globals.Count > 0) sections.Add(Section(SectionId.Global, Vec([.. _globals])));
        if (_exports.Count > 0) sections.Add(Section(SectionId.Export, Vec([.. _exports])));
        if (_elements.Count > 0) sections.Add(Section(SectionId.Element, Vec([.. _elements])));
        if (_dataCount is { } dc) sections.Add(Section(SectionId.DataCount, U32(dc)));
        if (_bodies.Count > 0) sections.Add(Section(SectionId.Code, Vec([.. _bodies])));
        if (_data.Count > 0) sections.Add(Section(SectionId.Data, Vec([.. _data])));
        return Module([.. sections]);
    }

    public WasmModule Decode(WasmFeatures features = WasmFeatures.Spec) => ModuleDecoder.Decode(ToBytes(), features);
}
