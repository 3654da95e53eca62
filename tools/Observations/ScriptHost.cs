using Replay.Soroban.Budget;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;
using SorobanHost = Replay.Soroban.Host.Host;

namespace Replay.Tools.Observations;

/// <summary>
/// A host set up as rs-soroban-env's <c>Host::test_host()</c> under observation: the trace's protocol (22 by default),
/// the host's default budget, a recorder attached. Scripts call host functions by name through the
/// native (traced) path and build inputs with <see cref="SorobanHost.ToHostVal"/> as the Rust tests'
/// helpers do (untraced).
/// </summary>
public sealed class ScriptHost
{
    /// <param name="protocol">The trace's ledger protocol.</param>
    /// <param name="seededPrng">
    /// True for tests on <c>Host::test_host_with_recording_footprint()</c>, which seeds the base
    /// PRNG (its cost is already in the trace's "begin" step).
    /// </param>
    /// <param name="defaults">The reference host's default cost parameters for the trace's commit (v22's when null).</param>
    public ScriptHost(int protocol = 22, bool seededPrng = false, IReadOnlyList<DefaultCostParams.Entry>? defaults = null)
    {
        Wasm = null;
        Host = new SorobanHost(protocol, Budget.HostDefault(defaults ?? DefaultCostParams.V22));
        if (seededPrng)
            Host.SetBasePrngSeed(new byte[32]);
        Recorder = new Recorder();
        Host.Tracer = Recorder;
        Recorder.Begin(Host);
    }

    /// <summary>
    /// A host as <c>Host::test_host_with_recording_footprint()</c> makes it for contract tests: the
    /// test PRNG seed, the test ledger info, recording storage over an empty snapshot, the
    /// enforcing auth manager, contracts on <paramref name="engine"/>; with the test build's extra
    /// charges (<see cref="SorobanHost.TestBuildCharges"/>). <paramref name="wasm"/> loads a test
    /// wasm of soroban-test-wasms by its path under wasm-workspace/opt (e.g. "20/example_add_i32").
    /// </summary>
    public static ScriptHost ForContracts(int protocol, Replay.Wasm.Runtime.IEngine engine, Budget budget, Func<string, byte[]> wasm)
    {
        var sh = new ScriptHost(protocol, budget, wasm);
        sh.UseRecordingFootprint();
        sh.Host.Engine = engine;
        sh.Host.TestBuildCharges = true;
        return sh;
    }

    /// <summary>
    /// The ledger info and the recording storage over an empty snapshot that
    /// <c>Host::test_host_with_recording_footprint()</c> sets up (its PRNG seed is the constructor's
    /// <c>seededPrng</c>), for host-only tests that read or write ledger entries.
    /// </summary>
    public void UseRecordingFootprint()
    {
        var h = Host;
        h.Ledger = new Replay.Soroban.Host.LedgerInfo((uint)h.Protocol, 0, 0, new byte[32], 0, 16, 4096, 6_312_000);
        h.Storage = new Replay.Soroban.Storage.LedgerStorage(
            Replay.Soroban.Storage.MeteredOrdMap<LedgerKey, Replay.Soroban.Storage.AccessType>.Empty(h.Budget, h.CompareLedgerKeys, Replay.Soroban.Storage.LedgerStorage.FootprintEntrySize),
            Replay.Soroban.Storage.MeteredOrdMap<LedgerKey, Replay.Soroban.Storage.EntryWithLiveUntil?>.Empty(h.Budget, h.CompareLedgerKeys, Replay.Soroban.Storage.LedgerStorage.MapEntrySize))
        {
            Snapshot = _ => null,
        };
    }

    private ScriptHost(int protocol, Budget budget, Func<string, byte[]> wasm)
    {
        Host = new SorobanHost(protocol, budget);
        Host.SetBasePrngSeed("12345678901234567890123456789012"u8);
        Wasm = wasm;
        Recorder = new Recorder();
        Host.Tracer = Recorder;
        Recorder.Begin(Host);
    }

    /// <summary>Loads a soroban-test-wasms module (contract hosts only).</summary>
    public Func<string, byte[]>? Wasm { get; }

    public SorobanHost Host { get; private set; }

    /// <summary><c>generate_bytes_array</c>: 32 bytes from the test PRNG (unmetered).</summary>
    public byte[] GenerateBytesArray()
    {
        var bytes = new byte[32];
        (Host.TestPrng ?? throw new InvalidOperationException("the host has no test PRNG")).FillBytes(bytes);
        return bytes;
    }

    /// <summary><c>generate_account_id</c>: an ed25519 account id of 32 test-PRNG bytes.</summary>
    public PublicKey GenerateAccountId() => new PublicKey.PublicKeyTypeEd25519(Uint256.FromBytes(GenerateBytesArray()));

    /// <summary><c>register_test_contract_wasm</c>: a generated account and salt, then <see cref="RegisterTestContractWasmFromSourceAccount"/>.</summary>
    public Val RegisterTestContractWasm(byte[] wasm)
    {
        var account = GenerateAccountId();
        var salt = GenerateBytesArray();
        return RegisterTestContractWasmFromSourceAccount(wasm, account, salt);
    }

    /// <summary>
    /// <c>register_test_contract_wasm_from_source_account</c>: the source account cloned (metered),
    /// recording auth, upload_wasm, the account as source and deployer, create_contract, then the
    /// previous source account (when there was one) and auth manager back.
    /// </summary>
    public Val RegisterTestContractWasmFromSourceAccount(byte[] wasm, PublicKey account, byte[] salt)
    {
        Host.Budget.Charge(ContractCostType.MemCpy, Replay.Soroban.Budget.DeclaredSize.Option(Replay.Soroban.Budget.DeclaredSize.AccountId));
        var prevSource = Host.SourceAccount;
        var prevAuth = Host.Authorization;
        Host.Authorization = Replay.Soroban.Auth.AuthorizationManager.Recording(disableNonRootAuth: true);
        var hash = Call("upload_wasm", Host.BytesNewFromSlice(wasm));
        Host.SourceAccount = account;
        var deployer = Host.AddObject(new Replay.Soroban.Objects.AddressObject(new SCAddress.Account(account)));
        var contract = Call("create_contract", deployer, hash, Host.BytesNewFromSlice(salt));
        if (prevSource is not null)
            Host.SourceAccount = prevSource;
        Host.Authorization = prevAuth;
        return contract;
    }

    /// <summary><c>host.test_vec_obj::&lt;i32&gt;(...)</c>.</summary>
    public Val VecOfI32(params int[] items) =>
        Host.ToHostVal(new SCVal.Vec(items.Select(i => (SCVal)new SCVal.I32(i)).ToArray()));

    public Recorder Recorder { get; }

    /// <summary>Calls a host function; a host error is recorded in the trace and returned as null (the Rust tests assert it).</summary>
    public Val? Try(string name, params Val[] args)
    {
        try
        {
            return Host.Invoke(name, args);
        }
        catch (HostError)
        {
            return null;
        }
    }

    /// <summary>Calls a host function that must succeed.</summary>
    public Val Call(string name, params Val[] args) => Host.Invoke(name, args);

    public static Val U32(uint u) => Val.FromU32(u);

    /// <summary><c>host.test_vec_obj::&lt;u32&gt;(...)</c>: an ScVal vec of U32s converted to a host value.</summary>
    public Val VecOfU32(params uint[] items) =>
        Host.ToHostVal(new SCVal.Vec(items.Select(i => (SCVal)new SCVal.U32(i)).ToArray()));

    /// <summary>A map of U32 → U32 ScVal entries converted to a host value.</summary>
    public Val MapOfU32(params (uint Key, uint Value)[] entries) =>
        Host.ToHostVal(new SCVal.Map(entries.Select(e => new SCMapEntry { Key = new SCVal.U32(e.Key), Val = new SCVal.U32(e.Value) }).ToArray()));

    /// <summary><c>Symbol::try_from_val(host, &amp;str)</c>: a small symbol when it fits, else symbol_new_from_slice (errors kept in the trace).</summary>
    public Val? SymbolFromStr(string text) => SymbolFromBytes(System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary><c>Symbol::try_from_val(host, &amp;[u8])</c> (also its ScSymbol and ScVal::Symbol forms).</summary>
    public Val? SymbolFromBytes(byte[] bytes)
    {
        if (Replay.Soroban.Values.SymbolSmall.TryFromBytes(bytes, out var small))
            return small;
        try
        {
            return Host.SymbolNewFromSlice(bytes);
        }
        catch (HostError)
        {
            return null;
        }
    }

    /// <summary>
    /// <c>Budget::default()</c> of the reference commit whose engine <paramref name="engine"/>
    /// models: d230d7d5's (Wasmi 0.31) or f0bc81b8's recalibration for Wasmi 0.36.
    /// </summary>
    public static Budget DefaultBudgetFor(Replay.Wasm.Runtime.IEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var entry = Replay.Engines.EngineCatalog.All.First(e => e.Identity == engine.Identity);
        return entry.Generation == Replay.Wasm.EngineGeneration.Wasmi036 ? Budget.HostDefaultV22Wasmi036() : Budget.HostDefaultV22();
    }

    /// <summary>
    /// lifecycle.rs' <c>upload_and_make_host_for_next_ledger</c>, second phase: the current host's
    /// storage (its recorded footprint and map, as <c>try_finish</c> hands them over) made enforcing
    /// in the next host (see <see cref="ContinueOnNewHost"/>).
    /// </summary>
    public void ContinueOnNextLedgerHost()
    {
        var storage = Host.Storage ?? throw new InvalidOperationException("the host has no storage");
        ContinueOnNewHost(next => new Replay.Soroban.Storage.LedgerStorage(
            storage.Footprint.MovedTo(next.Budget, next.CompareLedgerKeys),
            storage.Map.MovedTo(next.Budget, next.CompareLedgerKeys)));
    }

    /// <summary>
    /// lifecycle.rs' <c>observed_test_host_with_storage_and_budget</c>: a new host
    /// (<c>with_storage_and_budget</c>, unseeded PRNG) with <see cref="DefaultBudgetFor"/> the
    /// engine, the storage <paramref name="storage"/> builds (charged to the new budget, as the test
    /// builds it with that budget first), debug on, the test ledger info, the same engine.
    /// Observation moves to it: the trace of the new host starts here.
    /// </summary>
    public void ContinueOnNewHost(Func<SorobanHost, Replay.Soroban.Storage.LedgerStorage> storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var prev = Host;
        var engine = prev.Engine ?? throw new InvalidOperationException("the host has no engine");
        var next = new SorobanHost(prev.Protocol, DefaultBudgetFor(engine))
        {
            Ledger = prev.Ledger,
            Engine = engine,
            TestBuildCharges = prev.TestBuildCharges,
            DiagnosticsEnabled = true,
        };
        next.Storage = storage(next);
        prev.Tracer = null;
        Recorder.Reset();
        Host = next;
        next.Tracer = Recorder;
        Recorder.Begin(next);
    }

    public IReadOnlyList<TraceStep> Finish()
    {
        Recorder.End(Host);
        return Recorder.Steps;
    }
}
