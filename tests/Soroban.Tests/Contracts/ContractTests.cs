using System.Text;
using Replay.Engines;
using Replay.Soroban.Invocation;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Tests.Contracts;

/// <summary>
/// Every implemented host function, called from our C contracts (tests/Contracts) on every engine
/// variant of <see cref="EngineCatalog"/>. The contracts check each result themselves (a failed
/// check fails the contract with (Contract, line)); these tests run them and check what leaves
/// the host: return values, errors, ledger changes and events.
/// </summary>
public sealed class ContractTests
{
    /// <summary>Protocols the contracts run under: the v21 host, the p22 host-built module cache, p23 core cache, p26.</summary>
    private static readonly int[] Protocols = [20, 22, 23, 26];

    public static TheoryData<string, int> Runs()
    {
        var data = new TheoryData<string, int>();
        foreach (var v in EngineCatalog.Variants)
        {
            foreach (var p in Protocols)
                data.Add(v.Name, p);
        }
        return data;
    }

    // (contract, export, lowest protocol): each must succeed.
    private static readonly (string Contract, string Export, int From)[] Passing =
    [
        ("int", "u64_i64", 20), ("int", "u128_i128", 20), ("int", "u256_pieces", 20), ("int", "i256_pieces", 20),
        ("int", "u256_arith", 20), ("int", "i256_arith", 20), ("int", "time", 20), ("int26", "checked", 26),
        ("vec", "basics", 20), ("vec", "search", 20), ("vec", "linear", 20),
        ("map", "basics", 20), ("map", "linear", 20),
        ("buf", "bytes", 20), ("buf", "bytes_memory", 20), ("buf", "strings", 20), ("buf", "symbols", 20),
        ("buf", "serialization", 20), ("buf23", "string_bytes", 23),
        ("context", "compare", 20), ("context", "address", 20), ("context", "event", 20), ("context", "log", 20),
        ("context", "hashes", 20), ("context", "prng", 20),
    ];

    // (contract, export, error): each must fail with that error.
    private static readonly (string Contract, string Export, SCErrorType Type, SCErrorCode Code)[] Failing =
    [
        ("int", "u256_overflow", SCErrorType.Object, SCErrorCode.ArithDomain),
        ("int", "i256_div_zero", SCErrorType.Object, SCErrorCode.ArithDomain),
        ("int", "wrong_object", SCErrorType.Value, SCErrorCode.InvalidInput),
        ("vec", "out_of_bounds", SCErrorType.Object, SCErrorCode.IndexBounds),
        ("vec", "unpack_wrong_length", SCErrorType.Object, SCErrorCode.UnexpectedSize),
        ("map", "missing_key", SCErrorType.Object, SCErrorCode.MissingValue),
        ("map", "unsorted", SCErrorType.Object, SCErrorCode.InvalidInput),
        ("buf", "slice_out_of_range", SCErrorType.Object, SCErrorCode.IndexBounds),
        ("buf", "memory_out_of_range", SCErrorType.WasmVm, SCErrorCode.IndexBounds),
        ("buf", "bad_symbol", SCErrorType.Value, SCErrorCode.InvalidInput),
        ("context", "compare_small", SCErrorType.Value, SCErrorCode.UnexpectedType),
        ("context", "fail_system", SCErrorType.Context, SCErrorCode.UnexpectedType),
        ("context", "trap", SCErrorType.WasmVm, SCErrorCode.InvalidAction),
    ];

    private static EngineVariant Variant(string name) => EngineCatalog.GetVariant(name);

    private static string Describe(HostInvocationResult r) =>
        r.Error is null ? "ok" : $"{r.Error.Type}/{r.Error.Code}" + (r.Error.Type == SCErrorType.Contract ? $" (failed check at line {r.Error.RawCode})" : "") + ": " + r.Error.Message;

    [Theory]
    [MemberData(nameof(Runs))]
    public void EveryPassingExportSucceeds(string variant, int protocol)
    {
        var failures = new List<string>();
        foreach (var (contract, export, from) in Passing)
        {
            if (protocol < from)
                continue;
            var ledger = new ContractLedger(protocol);
            var id = ledger.Deploy(contract);
            var r = ledger.Invoke(Variant(variant), id, export);
            if (r.Error is not null)
                failures.Add($"{contract}.{export}: {Describe(r)}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void EveryFailingExportFailsWithItsError(string variant, int protocol)
    {
        var failures = new List<string>();
        foreach (var (contract, export, type, code) in Failing)
        {
            var ledger = new ContractLedger(protocol);
            var id = ledger.Deploy(contract);
            var r = ledger.Invoke(Variant(variant), id, export);
            if (r.Error is null || r.Error.Type != type || r.Error.Code != code)
                failures.Add($"{contract}.{export}: expected {type}/{code}, got {Describe(r)}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void LedgerInfoIsTheLedgers(string variant, int protocol)
    {
        var ledger = new ContractLedger(protocol);
        var id = ledger.Deploy("context");
        var r = ledger.Invoke(Variant(variant), id, "ledger_info", [new SCVal.U32((uint)protocol)]);
        Assert.Null(r.Error);
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void ContractFailsWithItsOwnError(string variant, int protocol)
    {
        var ledger = new ContractLedger(protocol);
        var id = ledger.Deploy("context");
        var r = ledger.Invoke(Variant(variant), id, "fail");
        Assert.NotNull(r.Error);
        Assert.Equal(SCErrorType.Contract, r.Error.Type);
        Assert.Equal(42u, r.Error.RawCode);
        Assert.Empty(r.LedgerChanges);
        Assert.Empty(r.ContractEvents);
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void AddressIsTheContracts(string variant, int protocol)
    {
        var ledger = new ContractLedger(protocol);
        var id = ledger.Deploy("context");
        var r = ledger.Invoke(Variant(variant), id, "address");
        var address = Assert.IsType<SCVal.Address>(r.ReturnValue);
        Assert.Equal(id, Assert.IsType<SCAddress.Contract>(address.Value).Value);
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void ContractEventLeavesTheHost(string variant, int protocol)
    {
        var ledger = new ContractLedger(protocol);
        var id = ledger.Deploy("context");
        var r = ledger.Invoke(Variant(variant), id, "event");
        Assert.Null(r.Error);
        var (e, encoded) = Assert.Single(r.ContractEvents);
        Assert.Equal(ContractEventType.Contract, e.Type);
        Assert.Equal(id, e.ContractID);
        var body = Assert.IsType<ContractEventBody.V0>(e.Body).Value;
        Assert.Equal(2, body.Topics.Length);
        Assert.Equal("topic", Encoding.ASCII.GetString(Assert.IsType<SCVal.Symbol>(body.Topics[0]).Value.Bytes));
        Assert.Equal(7u, Assert.IsType<SCVal.U32>(body.Topics[1]).Value);
        Assert.Equal("abc"u8.ToArray(), Assert.IsType<SCVal.Bytes>(body.Data).Value);
        Assert.Equal(XdrCodec.Encode(e), encoded);
        // With diagnostics on, the event is also among the diagnostic events (in a successful call).
        Assert.Contains(r.DiagnosticEvents, d => d.Event.Type == ContractEventType.Contract && d.InSuccessfulContractCall);
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void LogIsADiagnosticEventOnlyWithDiagnosticsOn(string variant, int protocol)
    {
        var ledger = new ContractLedger(protocol);
        var id = ledger.Deploy("context");
        var r = ledger.Invoke(Variant(variant), id, "log");
        Assert.Null(r.Error);
        var log = Assert.Single(r.DiagnosticEvents, d => Topics(d.Event) is [SCVal.Symbol { Value.Bytes: var s }] && Encoding.ASCII.GetString(s) == "log");
        Assert.Equal(id, log.Event.ContractID);
        var data = Assert.IsType<SCVal.Vec>(((ContractEventBody.V0)log.Event.Body).Value.Data).Value!;
        Assert.Equal("logged", Encoding.UTF8.GetString(Assert.IsType<SCVal.String>(data[0]).Value.Bytes));
        Assert.Equal(1u, Assert.IsType<SCVal.U32>(data[1]).Value);
        Assert.Equal("two", Encoding.ASCII.GetString(Assert.IsType<SCVal.Symbol>(data[2]).Value.Bytes));

        ledger.Diagnostics = false;
        var quiet = ledger.Invoke(Variant(variant), id, "log");
        Assert.Null(quiet.Error);
        Assert.Empty(quiet.DiagnosticEvents);
        // Diagnostics never change what is charged.
        Assert.Equal(r.CpuInsns, quiet.CpuInsns);
        Assert.Equal(r.MemBytes, quiet.MemBytes);
    }

    [Fact]
    public void PrngDrawsAreTheSameOnEveryEngine()
    {
        foreach (var protocol in Protocols)
        {
            var results = new List<byte[]>();
            foreach (var v in EngineCatalog.Variants)
            {
                var ledger = new ContractLedger(protocol);
                var id = ledger.Deploy("context");
                var r = ledger.Invoke(v, id, "prng");
                Assert.Null(r.Error);
                results.Add(r.EncodedReturnValue!);
            }
            Assert.All(results, x => Assert.Equal(results[0], x));
        }
    }

    private static SCVal[] Topics(ContractEvent e) => ((ContractEventBody.V0)e.Body).Value.Topics;
}

/// <summary>The test contracts together call every implemented host function.</summary>
public sealed class ContractCoverageTests
{
    // The contracts of tests/Contracts (smoke is the build check).
    private static readonly string[] Contracts = ["int", "int26", "vec", "map", "buf", "buf23", "context", "ledger", "ledger26", "call", "auth", "auth27", "deploy", "deploy22", "asset", "address", "address23", "address26"];

    [Fact]
    public void EveryImplementedHostFunctionIsImportedByATestContract()
    {
        var imported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in Contracts)
        {
            var module = Wasm.Binary.ModuleDecoder.Decode(ContractBuilder.Build(c, 26), Profile.SorobanProfile.Features);
            foreach (var import in module.Imports)
            {
                var f = Functions.HostFunctionTable.Find(import.Module, import.Name);
                Assert.NotNull(f);
                imported.Add(f.Name);
            }
        }
        // Module "c" beyond the two hashes is exercised by the crypto tests of its own engineer.
        var missing = Functions.HostFunctionImpls.Implemented
            .Where(n => !imported.Contains(n))
            .Where(n => Functions.HostFunctionTable.Named(n).Module != "c" || n.StartsWith("compute_hash_", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(missing.Count == 0, "implemented but called by no test contract: " + string.Join(", ", missing));
    }
}
