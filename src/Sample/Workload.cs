using System.Security.Cryptography;
using System.Text;
using Replay.Stellar.Domain;
using Replay.Stellar.Xdr;

namespace Replay.Sample;

/// <summary>A deterministic pseudo-random source (SplitMix64): the same seed gives the same workload on every machine and runtime.</summary>
internal sealed class SampleRandom(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A number in [0, n).</summary>
    public int Below(int n) => (int)(Next() % (ulong)n);

    public int Between(int lo, int hi) => lo + Below(hi - lo + 1);

    public byte[] Bytes(int n)
    {
        var b = new byte[n];
        for (var i = 0; i < n; i++)
            b[i] = (byte)Next();
        return b;
    }
}

/// <summary>A deployed sample contract: its name, id and code hash.</summary>
internal sealed record SampleContract(string Name, Hash Id, Hash CodeHash)
{
    public SCVal Address => new SCVal.Address(new SCAddress.Contract(Id));

    public LedgerKey Instance => Keys.Data(Id, SCVal.LedgerKeyContractInstance.Instance, ContractDataDurability.Persistent);

    public LedgerKey Code => Keys.Code(CodeHash);
}

/// <summary>Ledger keys and values the workload builds.</summary>
internal static class Keys
{
    public static LedgerKey Code(Hash hash) => new LedgerKey.ContractCode(new LedgerKeyContractCode { Hash = hash });

    public static LedgerKey Data(Hash contract, SCVal key, ContractDataDurability durability) =>
        new LedgerKey.ContractData(new LedgerKeyContractData { Contract = new SCAddress.Contract(contract), Key = key, Durability = durability });

    public static SCVal Sym(string s) => SampleChain.Symbol(s);

    public static SCVal U32(uint v) => new SCVal.U32(v);

    public static SCVal I128(long v) => new SCVal.I128(new Int128Parts { Hi = v < 0 ? -1 : 0, Lo = (ulong)v });

    public static SCVal I128(ulong hi, ulong lo) => new SCVal.I128(new Int128Parts { Hi = (long)hi, Lo = lo });

    public static SCVal Vec(params SCVal[] items) => new SCVal.Vec(items);

    public static SCVal Bytes(byte[] b) => new SCVal.Bytes(b);

    public static SCVal Account(SampleKey key) => new SCVal.Address(new SCAddress.Account(key.PublicKey));

    public static HostFunction Invoke(SampleContract contract, string function, params SCVal[] args) => new HostFunction.InvokeContract(new InvokeContractArgs
    {
        ContractAddress = new SCAddress.Contract(contract.Id),
        FunctionName = new XdrString(Encoding.UTF8.GetBytes(function)),
        Args = args,
    });
}

/// <summary>
/// The sample's scripted, seeded workload. Ledger 2 is genesis (settings, accounts and the
/// deployer contract); ledger 3 uploads every contract (one upload is invalid: floats); ledger
/// 4 creates the contracts through the deployer with their constructors; ledger 5 mints and
/// seeds the pool; every later ledger runs 4-12 transactions drawn from a weighted menu of
/// successes, contract failures, rolled-back try_calls, hostile contracts, budget failures,
/// footprint violations, entries too large for the network, further deployments and uploads.
/// </summary>
/// <remarks>
/// Authorization: contracts get theirs as the direct invoker (the deployer "treasury" calls the
/// tokens and the pool for itself), which the host implements. Account-authorized calls need
/// authorization entries with address credentials (issue 14, in progress), and creating a
/// contract from a transaction needs the deployer account's entry, hence the deployer in the
/// genesis state. The custom account's __check_auth is deployed (with its ed25519 key) and
/// waits for those entries: a step that signs with <see cref="AccountKey"/> fits in
/// <see cref="Menu"/> once the host takes them.
/// </remarks>
internal sealed class Workload
{
    public const int AccountCount = 20;

    private readonly SampleRandom _rng;
    private readonly SampleKey[] _accounts;
    private readonly Dictionary<string, byte[]> _wasm;
    private readonly Hash _networkId = SampleNetwork.Network.Id;
    private readonly Dictionary<string, SampleContract> _contracts = [];
    private readonly List<SampleContract> _counters = [];
    private readonly List<SampleContract> _pendingCounters = [];

    public Workload(ulong seed, SampleKey[] accounts, Dictionary<string, byte[]> wasm)
    {
        _rng = new SampleRandom(seed);
        _accounts = accounts;
        _wasm = wasm;
        Treasury = new SampleContract("caller", ContractId.FromPreimage(new ContractIDPreimage.Address(new ContractIDPreimageFromAddress
        {
            Address = new SCAddress.Account(accounts[0].PublicKey),
            Salt = Uint256.FromBytes(new byte[32]),
        }), _networkId), CodeHash("caller"));
    }

    /// <summary>The deployer contract (caller.c) in the genesis state; it deploys the others and acts for itself.</summary>
    public SampleContract Treasury { get; }

    /// <summary>The key the custom account contract verifies signatures with.</summary>
    public static SampleKey AccountKey { get; } = new("custom account");

    public IReadOnlyDictionary<string, SampleContract> Contracts => _contracts;

    private Hash CodeHash(string name) => Hash.FromBytes(SHA256.HashData(_wasm[name]));

    private SampleContract Contract(string name) => _contracts[name];

    /// <summary>The genesis entries besides the settings: the accounts, and the deployer's code and instance with their TTLs.</summary>
    public List<LedgerEntry> GenesisEntries(uint ledger)
    {
        var list = new List<LedgerEntry>();
        foreach (var key in _accounts)
            list.Add(SampleChain.AccountEntry(key, ledger));
        var code = new LedgerEntry
        {
            LastModifiedLedgerSeq = ledger,
            Data = new LedgerEntryData.ContractCode(new ContractCodeEntry { Ext = ContractCodeEntryExt.V0.Instance, Hash = Treasury.CodeHash, Code = _wasm["caller"] }),
            Ext = LedgerEntryExt.V0.Instance,
        };
        var instance = new LedgerEntry
        {
            LastModifiedLedgerSeq = ledger,
            Data = new LedgerEntryData.ContractData(new ContractDataEntry
            {
                Ext = ExtensionPoint.V0.Instance,
                Contract = new SCAddress.Contract(Treasury.Id),
                Key = SCVal.LedgerKeyContractInstance.Instance,
                Durability = ContractDataDurability.Persistent,
                Val = new SCVal.ContractInstance(new SCContractInstance { Executable = new ContractExecutable.Wasm(Treasury.CodeHash), Storage = null }),
            }),
            Ext = LedgerEntryExt.V0.Instance,
        };
        foreach (var entry in new[] { code, instance })
        {
            list.Add(entry);
            list.Add(new LedgerEntry
            {
                LastModifiedLedgerSeq = ledger,
                Data = new LedgerEntryData.Ttl(new TTLEntry { KeyHash = LedgerKeys.TtlKeyHashOf(LedgerKeys.KeyOf(entry)), LiveUntilLedgerSeq = 1_000_000 }),
                Ext = LedgerEntryExt.V0.Instance,
            });
        }
        return list;
    }

    /// <summary>The transactions of ledger <paramref name="seq"/> (3 on; 2 is genesis).</summary>
    public List<TxSpec> Ledger(uint seq) => seq switch
    {
        3 => Uploads(),
        4 => Deployments(),
        5 => Funding(),
        _ => Random(seq),
    };

    private List<TxSpec> Uploads()
    {
        var list = new List<TxSpec>();
        var account = 0;
        foreach (var name in SampleContracts.Names.Where(n => n != "caller"))
        {
            list.Add(new TxSpec(account++, "upload", new HostFunction.UploadContractWasm(_wasm[name]), [], [Keys.Code(CodeHash(name))],
                Instructions: 50_000_000, WriteBytes: (uint)_wasm[name].Length + 1000));
        }
        return list;
    }

    private SampleContract Deploy(string codeName, string label, SCVal[] ctorArgs, out TxSpec spec, int account, IEnumerable<LedgerKey>? extraReadWrite = null)
    {
        var salt = SHA256.HashData(Encoding.UTF8.GetBytes("sample contract: " + label));
        var id = ContractId.FromPreimage(new ContractIDPreimage.Address(new ContractIDPreimageFromAddress
        {
            Address = new SCAddress.Contract(Treasury.Id),
            Salt = Uint256.FromBytes(salt),
        }), _networkId);
        var contract = new SampleContract(codeName, id, CodeHash(codeName));
        spec = new TxSpec(account, "create", Keys.Invoke(Treasury, "deploy", Keys.Bytes(contract.CodeHash.ToArray()), Keys.Bytes(salt), Keys.Vec(ctorArgs)),
            [Treasury.Code, Treasury.Instance, contract.Code], [contract.Instance, .. extraReadWrite ?? []]);
        return contract;
    }

    private List<TxSpec> Deployments()
    {
        var list = new List<TxSpec>();
        var account = 0;
        void Add(string name, string codeName, params SCVal[] args)
        {
            _contracts[name] = Deploy(codeName, name, args, out var spec, account++);
            list.Add(spec);
        }
        Add("tokenA", "token", Treasury.Address, Keys.U32(7), Keys.Sym("TokenA"));
        Add("tokenB", "token", Treasury.Address, Keys.U32(7), Keys.Sym("TokenB"));
        Add("amm", "amm", Keys.U32(30));
        Add("counter", "counter");
        Add("store", "store");
        Add("account", "account", Keys.Bytes(AccountKey.PublicKeyBytes));
        Add("compute", "compute");
        Add("many", "many");
        foreach (var hostile in SampleContracts.Names.Where(n => n.StartsWith("hostile_", StringComparison.Ordinal)))
            Add(hostile, hostile);
        _counters.Add(_contracts["counter"]);
        return list;
    }

    private LedgerKey Balance(SampleContract token, SCVal holder) =>
        Keys.Data(token.Id, Keys.Vec(Keys.Sym("Balance"), holder), ContractDataDurability.Persistent);

    private LedgerKey Allowance(SampleContract token, SCVal from, SCVal spender) =>
        Keys.Data(token.Id, Keys.Vec(Keys.Sym("Allowance"), from, spender), ContractDataDurability.Temporary);

    /// <summary>A call through the treasury's forward: the treasury's code and instance read-only, the callee's code, the rest as given.</summary>
    private TxSpec Forward(int account, string step, SampleContract callee, string function, SCVal[] args, IEnumerable<LedgerKey> readOnly, IEnumerable<LedgerKey> readWrite, uint instructions = 50_000_000) =>
        new(account, step, Keys.Invoke(Treasury, "forward", callee.Address, Keys.Sym(function), Keys.Vec(args)),
            [Treasury.Code, Treasury.Instance, callee.Code, .. readOnly], [.. readWrite], instructions);

    private List<TxSpec> Funding()
    {
        var list = new List<TxSpec>();
        var account = 0;
        foreach (var name in new[] { "tokenA", "tokenB" })
        {
            var token = Contract(name);
            // 10^18: past 56 bits, an i128 object.
            list.Add(Forward(account++, "mint", token, "mint", [Treasury.Address, Keys.I128(1_000_000_000_000_000_000)], [], [token.Instance, Balance(token, Treasury.Address)]));
        }
        var amm = Contract("amm");
        list.Add(Forward(account++, "amm deposit", amm, "deposit", [Treasury.Address, Keys.I128(1_000_000_000_000), Keys.I128(3_000_000_000_000)], [],
            [amm.Instance, Keys.Data(amm.Id, Keys.Vec(Keys.Sym("Share"), Treasury.Address), ContractDataDurability.Persistent)]));
        return list;
    }

    private sealed record Choice(int Weight, Func<int, uint, TxSpec> Make);

    private IReadOnlyList<Choice>? _menu;

    /// <summary>The weighted steps of a random ledger.</summary>
    private IReadOnlyList<Choice> Menu => _menu ??= BuildMenu();

    private List<TxSpec> Random(uint seq)
    {
        // Counters deployed in the previous ledger are there now.
        foreach (var c in _pendingCounters)
        {
            if (!_counters.Any(k => k.Id == c.Id))
                _counters.Add(c);
        }
        _pendingCounters.Clear();
        var count = _rng.Between(4, 12);
        var accounts = Enumerable.Range(0, AccountCount).ToList();
        var list = new List<TxSpec>();
        var total = Menu.Sum(c => c.Weight);
        for (var i = 0; i < count; i++)
        {
            var pick = _rng.Below(accounts.Count);
            var account = accounts[pick];
            accounts.RemoveAt(pick);
            var roll = _rng.Below(total);
            foreach (var choice in Menu)
            {
                if (roll < choice.Weight)
                {
                    list.Add(choice.Make(account, seq));
                    break;
                }
                roll -= choice.Weight;
            }
        }
        return list;
    }

    private List<Choice> BuildMenu()
    {
        var tokens = new[] { Contract("tokenA"), Contract("tokenB") };
        var amm = Contract("amm");
        var store = Contract("store");
        var compute = Contract("compute");
        var many = Contract("many");
        SampleContract Token() => tokens[_rng.Below(2)];
        SCVal AnyAccount() => Keys.Account(_accounts[_rng.Below(AccountCount)]);
        LedgerKey P(uint id) => Keys.Data(store.Id, Keys.Vec(Keys.Sym("P"), Keys.U32(id)), ContractDataDurability.Persistent);
        LedgerKey T(uint id) => Keys.Data(store.Id, Keys.Vec(Keys.Sym("T"), Keys.U32(id)), ContractDataDurability.Temporary);
        uint StoreId() => (uint)_rng.Below(32);
        TxSpec Call(int account, string step, SampleContract c, string fn, SCVal[] args, LedgerKey[] readOnly, LedgerKey[] readWrite, uint instructions = 50_000_000, uint writeBytes = 20_000) =>
            new(account, step, Keys.Invoke(c, fn, args), [c.Code, .. readOnly], readWrite, instructions, writeBytes);
        var treasuryShare = Keys.Data(amm.Id, Keys.Vec(Keys.Sym("Share"), Treasury.Address), ContractDataDurability.Persistent);

        return
        [
            new(10, (a, _) =>
            {
                var counter = _counters[_rng.Below(_counters.Count)];
                return Call(a, "counter increment", counter, "increment", [Keys.U32((uint)_rng.Between(1, 9))], [], [counter.Instance]);
            }),
            new(10, (a, _) =>
            {
                var token = Token();
                var to = new[] { AnyAccount(), AnyAccount() }.DistinctBy(v => Convert.ToHexString(XdrCodec.Encode(v))).ToArray();
                return new TxSpec(a, "token pay", Keys.Invoke(Treasury, "pay", token.Address, Keys.Vec(to), Keys.I128(_rng.Between(1, 1_000_000))),
                    [Treasury.Code, Treasury.Instance, token.Code, token.Instance], [Balance(token, Treasury.Address), .. to.Select(t => Balance(token, t))]);
            }),
            new(2, (a, _) =>
            {
                var token = Token();
                var to = AnyAccount();
                // More than the treasury holds: the token fails the call (insufficient balance).
                return new TxSpec(a, "token pay (insufficient)", Keys.Invoke(Treasury, "pay", token.Address, Keys.Vec(to), Keys.I128(ulong.MaxValue >> 2, 0)),
                    [Treasury.Code, Treasury.Instance, token.Code, token.Instance], [Balance(token, Treasury.Address), Balance(token, to)]);
            }),
            new(4, (a, seq) =>
            {
                var token = Token();
                return Forward(a, "token approve", token, "approve",
                    [Treasury.Address, Treasury.Address, Keys.I128(_rng.Between(1000, 5_000_000)), Keys.U32(seq + (uint)_rng.Between(3, 40))],
                    [token.Instance], [Allowance(token, Treasury.Address, Treasury.Address)]);
            }),
            new(4, (a, _) =>
            {
                var token = Token();
                var to = AnyAccount();
                return Forward(a, "token transfer_from", token, "transfer_from", [Treasury.Address, Treasury.Address, to, Keys.I128(_rng.Between(1, 200_000))],
                    [token.Instance], [Allowance(token, Treasury.Address, Treasury.Address), Balance(token, Treasury.Address), Balance(token, to)]);
            }),
            new(8, (a, _) =>
            {
                // Now and then a minimum output no swap can meet: the pool fails it (slippage).
                var minOut = _rng.Below(8) == 0 ? Keys.I128(1L << 60) : Keys.I128(0);
                return Forward(a, "amm swap", amm, "swap", [Treasury.Address, new SCVal.Bool(_rng.Below(2) == 0), Keys.I128(_rng.Between(1000, 50_000_000)), minOut],
                    [], [amm.Instance]);
            }),
            new(2, (a, _) => Forward(a, "amm deposit", amm, "deposit",
                [Treasury.Address, Keys.I128(_rng.Between(1_000_000, 100_000_000)), Keys.I128(_rng.Between(1_000_000, 300_000_000))], [], [amm.Instance, treasuryShare])),
            new(1, (a, _) => Forward(a, "amm withdraw", amm, "withdraw", [Treasury.Address, Keys.I128(_rng.Between(1000, 1_000_000))], [], [amm.Instance, treasuryShare])),
            new(6, (a, _) =>
            {
                var id = StoreId();
                return Call(a, "store put", store, "put", [Keys.U32(id), Keys.U32((uint)_rng.Between(5, 60))], [], [store.Instance, P(id), T(id)], writeBytes: 40_000);
            }),
            new(5, (a, _) =>
            {
                var id = StoreId();
                return Call(a, "store sum", store, "sum", [Keys.U32(id)], [store.Instance, P(id), T(id)], []);
            }),
            new(4, (a, _) =>
            {
                var id = StoreId();
                return Call(a, "store append", store, "append", [Keys.U32(id), Keys.U32((uint)_rng.Next())], [store.Instance], [T(id)]);
            }),
            new(3, (a, _) =>
            {
                var id = StoreId();
                return Call(a, "store extend", store, "extend", [Keys.U32(id), Keys.U32(5000), Keys.U32((uint)_rng.Between(6000, 20000))], [store.Instance, P(id), T(id)], []);
            }),
            new(2, (a, _) =>
            {
                var id = StoreId();
                return Call(a, "store remove", store, "remove", [Keys.U32(id)], [], [store.Instance, P(id), T(id)]);
            }),
            new(1, (a, _) =>
            {
                // The map entry is left out of the footprint: the host refuses the access.
                var id = StoreId();
                return Call(a, "store sum (footprint)", store, "sum", [Keys.U32(id)], [store.Instance], []);
            }),
            new(6, (a, _) => Call(a, "compute hash_chain", compute, "hash_chain", [Keys.Bytes(_rng.Bytes(32)), Keys.U32((uint)_rng.Between(20, 300))], [compute.Instance], [])),
            new(5, (a, _) => Call(a, "compute sort", compute, "sort", [Keys.U32((uint)_rng.Between(128, 2048)), Keys.U32((uint)_rng.Next())], [compute.Instance], [])),
            new(3, (a, _) => Call(a, "compute host_chain", compute, "host_chain", [Keys.Bytes(_rng.Bytes(32)), Keys.U32((uint)_rng.Between(10, 200))], [compute.Instance], [])),
            new(2, (a, _) => Call(a, "compute sort (budget)", compute, "sort", [Keys.U32(4096), Keys.U32((uint)_rng.Next())], [compute.Instance], [], instructions: 2_000_000)),
            new(5, (a, _) => Call(a, "many f", many, "f" + _rng.Below(200).ToString(System.Globalization.CultureInfo.InvariantCulture), [Keys.U32((uint)_rng.Next())], [many.Instance], [])),
            new(3, (a, _) => Call(a, "many pair", many, "pair", [Keys.U32((uint)_rng.Below(200)), Keys.U32((uint)_rng.Below(200)), Keys.U32((uint)_rng.Next())], [many.Instance], [])),
            new(3, (a, _) =>
            {
                var token = Token();
                var to = AnyAccount();
                return new TxSpec(a, "try_call rollback", Keys.Invoke(Treasury, "try_forward", token.Address, Keys.Sym("transfer"),
                        Keys.Vec(Treasury.Address, to, Keys.I128(ulong.MaxValue >> 2, 0))),
                    [Treasury.Code, token.Code, token.Instance, Balance(token, Treasury.Address), Balance(token, to)], [Treasury.Instance]);
            }),
            new(2, (a, _) =>
            {
                var counter = _counters[_rng.Below(_counters.Count)];
                return new TxSpec(a, "try_call success", Keys.Invoke(Treasury, "try_forward", counter.Address, Keys.Sym("increment"), Keys.Vec(Keys.U32(1))),
                    [Treasury.Code, counter.Code], [Treasury.Instance, counter.Instance]);
            }),
            new(1, (a, _) =>
            {
                var loop = Contract("hostile_loop");
                return new TxSpec(a, "try_call budget", Keys.Invoke(Treasury, "try_forward", loop.Address, Keys.Sym("spin"), Keys.Vec()),
                    [Treasury.Code, loop.Code, loop.Instance], [Treasury.Instance], 3_000_000);
            }),
            new(2, (a, _) => Call(a, "hostile loop", Contract("hostile_loop"), "spin", [], [Contract("hostile_loop").Instance], [], instructions: 3_000_000)),
            new(2, (a, _) => Call(a, "hostile recursion", Contract("hostile_recursion"), "recurse", [Keys.U32(0)], [Contract("hostile_recursion").Instance], [], instructions: 20_000_000)),
            new(1, (a, _) => Call(a, "hostile memory grow", Contract("hostile_memory"), "grow", [], [Contract("hostile_memory").Instance], [])),
            new(1, (a, _) => Call(a, "hostile memory objects", Contract("hostile_memory"), "objects", [], [Contract("hostile_memory").Instance], [])),
            new(2, (a, _) => Call(a, "hostile oob", Contract("hostile_oob"), _rng.Below(2) == 0 ? "peek" : "poke", [Keys.U32(0x7fff_fff0u - (uint)_rng.Below(1 << 20))],
                [Contract("hostile_oob").Instance], [])),
            new(1, (a, _) =>
            {
                var big = Contract("hostile_oversized");
                return Call(a, "hostile oversized entry", big, "store", [Keys.U32(70)], [big.Instance],
                    [Keys.Data(big.Id, Keys.Sym("big"), ContractDataDurability.Persistent)], writeBytes: 100_000);
            }),
            new(1, (a, _) => Call(a, "hostile oversized event", Contract("hostile_oversized"), "emit", [Keys.U32(20)], [Contract("hostile_oversized").Instance], [])),
            new(1, (a, _) => Call(a, "hostile oversized value", Contract("hostile_oversized"), "build", [Keys.U32(60)], [Contract("hostile_oversized").Instance], [])),
            new(1, (a, seq) =>
            {
                var counter = Deploy("counter", "counter " + seq.ToString(System.Globalization.CultureInfo.InvariantCulture), [], out var spec, a);
                _pendingCounters.Add(counter);
                return spec;
            }),
            new(1, (a, _) =>
            {
                // Uploading code that is already there: the same entry, its TTL extended.
                var name = SampleContracts.Names[1 + _rng.Below(SampleContracts.Names.Count - 2)];
                return new TxSpec(a, "upload (existing)", new HostFunction.UploadContractWasm(_wasm[name]), [], [Keys.Code(CodeHash(name))], WriteBytes: (uint)_wasm[name].Length + 1000);
            }),
            new(1, (a, _) => Call(a, "account public_key", Contract("account"), "public_key", [], [Contract("account").Instance], [])),
        ];
    }
}
