using System.Buffers.Binary;
using Replay.Soroban.Budget;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;
using Replay.Wasm.Binary;
using Replay.Wasm.Modules;
using Replay.Wasm.Runtime;
using WasmValType = Replay.Wasm.Types.ValType;
using ExternKind = Replay.Wasm.Types.ExternKind;

namespace Replay.Soroban.Vm;

/// <summary>
/// A contract module compiled on an engine and checked as Soroban checks it (fact:
/// vm/parsed_module.rs ParsedModule): its parse was charged (by its cost inputs), it validates
/// under Soroban's feature profile and limits, no export takes or returns more than 32 values,
/// and its <c>contractenvmetav0</c> interface version is acceptable for the ledger protocol.
/// </summary>
public sealed class ParsedModule
{
    /// <summary>The most arguments a contract function may take (Vm::MAX_VM_ARGS).</summary>
    public const int MaxVmArgs = 32;

    /// <summary>The custom section holding the interface version (meta::ENV_META_V0_SECTION_NAME).</summary>
    public const string EnvMetaSectionName = "contractenvmetav0";

    private ParsedModule(ICompiledModule compiled, int protoVersion, CodeCostInputs costInputs)
    {
        Compiled = compiled;
        ProtoVersion = protoVersion;
        CostInputs = costInputs;
        ImportSymbols = ImportSymbolsOf(compiled.Module);
    }

    public ICompiledModule Compiled { get; }

    public WasmModule Module => Compiled.Module;

    /// <summary>The protocol of the contract's interface version.</summary>
    public int ProtoVersion { get; }

    public CodeCostInputs CostInputs { get; }

    /// <summary>
    /// The function imports the reference's linker considers, as its BTreeSet orders them: unique
    /// (module, name) pairs of function imports whose names are shorter than 10 characters.
    /// </summary>
    public IReadOnlyList<(string Module, string Name)> ImportSymbols { get; }

    private Functions.HostFunctionInfo[]? _importedHostFunctions;

    /// <summary>
    /// The host functions among <see cref="ImportSymbols"/>, in the host function table's order
    /// (the order the protocol check visits them), whatever protocol they are known at. Computed
    /// once per module: every instantiation checks them.
    /// </summary>
    public IReadOnlyList<Functions.HostFunctionInfo> ImportedHostFunctions
    {
        get
        {
            if (_importedHostFunctions is { } known)
                return known;
            var imported = new HashSet<(string, string)>(ImportSymbols);
            var list = Functions.HostFunctionTable.All.Where(info => imported.Contains((info.Module, info.Export))).ToArray();
            return _importedHostFunctions = list;
        }
    }

    private static (string, string)[] ImportSymbolsOf(WasmModule module)
    {
        const int symLenLimit = 10;
        var set = new SortedSet<(string, string)>(Comparer<(string, string)>.Create((a, b) =>
        {
            var c = string.CompareOrdinal(a.Item1, b.Item1);
            return c != 0 ? c : string.CompareOrdinal(a.Item2, b.Item2);
        }));
        foreach (var i in module.Imports)
        {
            if (i.Kind == ExternKind.Func && i.Module.Length < symLenLimit && i.Name.Length < symLenLimit)
                set.Add((i.Module, i.Name));
        }
        return [.. set];
    }

    /// <summary>
    /// <c>with_import_symbols</c>' charge: the import set costed as a vector of (&amp;str, &amp;str)
    /// pairs (40 bytes each) bulk-initialised; free at protocol 20 (the v21 host charges it from
    /// protocol 21, ModuleCache::MIN_LEDGER_VERSION).
    /// </summary>
    public void ChargeImportSymbols(Host.Host host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (host.Protocol < ModuleCache.HostBuiltFromProtocol)
            return;
        host.ChargeBulkInitCopy((ulong)ImportSymbols.Count, DeclaredSize.Pair(DeclaredSize.StrRef, DeclaredSize.StrRef));
    }

    /// <summary>
    /// <c>ParsedModule::new</c>: charges the parse (<paramref name="costInputs"/>), compiles
    /// <paramref name="wasm"/> on <paramref name="engine"/> (any decoding or validation failure is
    /// (WasmVm, InvalidAction)), then checks the exports' arities and the interface version against
    /// <paramref name="ledgerProtocol"/> for a host of interface protocol <paramref name="hostProtocol"/>.
    /// Errors are recorded through <paramref name="errors"/> when a host is there to record them.
    /// </summary>
    public static ParsedModule Parse(Budget.Budget budget, IErrorSink errors, int ledgerProtocol, int hostProtocol,
        IEngine engine, ReadOnlyMemory<byte> wasm, CodeCostInputs costInputs, ModuleCompiler? compile = null)
    {
        ArgumentNullException.ThrowIfNull(budget);
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(costInputs);
        costInputs.ChargeForParsing(budget);
        ICompiledModule compiled;
        try
        {
            compiled = compile is null ? engine.Compile(wasm) : compile(engine, wasm);
        }
        catch (WasmFrontEndException e)
        {
            throw errors.Error(new HostError(SCErrorType.WasmVm, SCErrorCode.InvalidAction, "invalid module: " + e.Message), "Error(WasmVm, InvalidAction)");
        }
        catch (FunctionCompilationException e)
        {
            throw errors.Error(new HostError(SCErrorType.WasmVm, SCErrorCode.InvalidAction, "invalid module: " + e.Message), "Error(WasmVm, InvalidAction)");
        }
        CheckMaxArgs(errors, compiled.Module);
        var proto = CheckMetaSection(errors, ledgerProtocol, hostProtocol, compiled.Module);
        return new ParsedModule(compiled, proto, costInputs);
    }

    private static void CheckMaxArgs(IErrorSink errors, WasmModule m)
    {
        foreach (var e in m.Exports)
        {
            if (e.Kind != ExternKind.Func)
                continue;
            var type = m.Types[(int)m.TypeIndexOf((int)e.Index)];
            if (type.ResultCount > MaxVmArgs)
                throw errors.Err(SCErrorType.WasmVm, SCErrorCode.InvalidInput, "Too many return values in Wasm export", Val.FromU32((uint)type.ResultCount));
            if (type.ParamCount > MaxVmArgs)
                throw errors.Err(SCErrorType.WasmVm, SCErrorCode.InvalidInput, "Too many arguments Wasm export", Val.FromU32((uint)type.ParamCount));
        }
    }

    /// <summary>
    /// <c>check_meta_section</c>: the first ScEnvMetaEntry of the section must be an interface
    /// version (protocol, pre-release) the host accepts for the ledger protocol; returns its protocol.
    /// </summary>
    private static int CheckMetaSection(IErrorSink errors, int ledgerProtocol, int hostProtocol, WasmModule m)
    {
        var section = m.CustomSections.FirstOrDefault(s => string.Equals(s.Name, EnvMetaSectionName, StringComparison.Ordinal))
            ?? throw errors.Err(SCErrorType.WasmVm, SCErrorCode.InvalidInput, "contract missing metadata section");
        var data = section.Data.Span;
        if (data.Length == 0)
            throw errors.Err(SCErrorType.WasmVm, SCErrorCode.InvalidInput, "contract missing environment interface version");
        // ScEnvMetaEntry: kind (SC_ENV_META_KIND_INTERFACE_VERSION = 0), then protocol and pre-release (u32 each).
        if (data.Length < 12 || BinaryPrimitives.ReadInt32BigEndian(data) != 0)
            throw errors.Error(new HostError(SCErrorType.Value, SCErrorCode.InvalidInput, "malformed env meta entry"), "malformed env meta entry");
        var gotProto = BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
        var gotPre = BinaryPrimitives.ReadUInt32BigEndian(data[8..]);
        if (ledgerProtocol > hostProtocol)
        {
            throw errors.Err(SCErrorType.Context, SCErrorCode.InternalError, "ledger protocol number is ahead of supported env protocol number",
                Val.FromU32((uint)ledgerProtocol), Val.FromU32((uint)hostProtocol));
        }
        var want = (uint)ledgerProtocol;
        if (gotProto < want)
        {
            if (gotPre != 0)
                throw errors.Err(SCErrorType.WasmVm, SCErrorCode.InvalidInput, "contract pre-release number for old protocol is nonzero", Val.FromU32(gotPre));
        }
        else if (gotProto == want)
        {
            // Every linked host is a release build: its pre-release number is 0.
            if (gotPre != 0)
            {
                throw errors.Err(SCErrorType.WasmVm, SCErrorCode.InvalidInput, "contract pre-release number for current protocol does not match host",
                    Val.FromU32(gotPre), Val.FromU32(0));
            }
        }
        else
        {
            throw errors.Err(SCErrorType.WasmVm, SCErrorCode.InvalidInput, "contract protocol number is newer than host", Val.FromU32(gotProto));
        }
        return (int)gotProto;
    }

    /// <summary>
    /// <c>extract_refined_contract_cost_inputs</c>: the counts a v1 code entry carries, from a
    /// second pass over the module (every operator of every body, functions, globals, the tables'
    /// initial sizes, types, data and element segments, imports, exports, data bytes), with the
    /// same rejections (no start section, simple constant expressions only, data within the initial
    /// memory, elements within the initial tables). Null when the module is refused.
    /// </summary>
    public static ContractCodeCostInputs? RefinedCostInputs(WasmModule m)
    {
        ArgumentNullException.ThrowIfNull(m);
        if (m.Start is not null)
            return null;
        ulong availableMemory = 0;
        foreach (var mem in m.Memories)
        {
            if ((ulong)mem.Limits.Min * 65536 > uint.MaxValue)
                return null;
            availableMemory += (ulong)mem.Limits.Min * 65536;
        }
        uint tableEntries = 0;
        foreach (var t in m.Tables)
            tableEntries += t.Limits.Min;
        foreach (var g in m.Globals)
        {
            if (!IsSimple(g.Init))
                return null;
        }
        uint elements = 0;
        foreach (var e in m.Elements)
        {
            if (e.OffsetExpr is { } off && !IsSimple(off))
                return null;
            elements += (uint)e.Items.Length;
            if (e.UsesExpressions && e.Items.Any(i => !IsSimple(i)))
                return null;
        }
        ulong dataBytes = 0;
        foreach (var d in m.Data)
        {
            if (d.OffsetExpr is { } off && !IsSimple(off))
                return null;
            dataBytes += (ulong)d.Data.Length;
        }
        if (dataBytes > Math.Min(availableMemory, uint.MaxValue) || elements > tableEntries)
            return null;
        ulong instructions = 0;
        for (var i = 0; i < m.Bodies.Length; i++)
        {
            var reader = new OperatorReader(m, m.Bodies[i]);
            var visitor = default(NullVisitor);
            while (!reader.AtEnd)
            {
                reader.Read(ref visitor);
                instructions++;
            }
        }
        return new ContractCodeCostInputs
        {
            Ext = ExtensionPoint.V0.Instance,
            NInstructions = (uint)Math.Min(instructions, uint.MaxValue),
            NFunctions = (uint)m.Bodies.Length,
            NGlobals = (uint)m.Globals.Length,
            NTableEntries = tableEntries,
            NTypes = (uint)m.Types.Length,
            NDataSegments = (uint)m.Data.Length,
            NElemSegments = (uint)m.Elements.Length,
            NImports = (uint)m.Imports.Length,
            NExports = (uint)m.Exports.Length,
            NDataSegmentBytes = (uint)dataBytes,
        };
    }

    private static bool IsSimple(ConstExpr e) =>
        e.Kind is ConstExprKind.I32Const or ConstExprKind.I64Const or ConstExprKind.RefFunc or ConstExprKind.RefNull;
}

/// <summary>Where module checks report errors: a host records them as diagnostic events; core's compile has no host.</summary>
public interface IErrorSink
{
    /// <summary>A (type, code) error with a message and arguments.</summary>
    HostError Err(SCErrorType type, SCErrorCode code, string message, params Val[] args);

    /// <summary>An existing error, reported with a message.</summary>
    HostError Error(HostError error, string message, params Val[] args);
}

/// <summary>Errors without a host: nothing is recorded.</summary>
public sealed class PlainErrors : IErrorSink
{
    public static PlainErrors Instance { get; } = new();

    public HostError Err(SCErrorType type, SCErrorCode code, string message, params Val[] args) => new(type, code, message);

    public HostError Error(HostError error, string message, params Val[] args) => error;
}
