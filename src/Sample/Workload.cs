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
/// 4 creates the contracts through the deployer with their constructors; ledger 5 mints, seeds
/// the pool and makes one call declared with a budget between the two engines' costs; ledger 6 pays every account and the custom account a balance of each token;
/// every later ledger runs 4-12 transactions drawn from a weighted menu of successes, contract
/// failures, rolled-back try_calls, hostile contracts, budget failures, footprint violations,
/// entries too large for the network, further deployments and uploads, and authorized calls.
/// </summary>
/// <remarks>
/// Authorization: the treasury gets its own as the direct invoker (it calls the tokens and the
/// pool for itself). Accounts authorize with entries (<see cref="AuthMenu"/>): source-account
/// credentials, address credentials signed by classic accounts' master keys and by the custom
/// account's <see cref="AccountKey"/> (checked by its __check_auth), trees of two invocations
/// (the treasury's forward_as and the transfer it relays), and what the network refuses
/// (expired and wrong signatures, reused nonces). Creating a contract from a transaction
/// needs the deployer account's entry, hence the deployer in the genesis state.
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

    /// <summary>A key that is not the custom account's: its signatures fail the account's __check_auth.</summary>
    private static SampleKey Impostor { get; } = new("impostor");

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
        6 => Payouts(),
        _ => Random(seq),
    };

    /// <summary>What the network made of a ledger's transactions: the successful ones tell the workload what they did (nonces consumed, allowances granted).</summary>
    public static void Observe(IEnumerable<AppliedTx> applied)
    {
        ArgumentNullException.ThrowIfNull(applied);
        foreach (var tx in applied)
        {
            if (tx.Outcome.Status == Replay.Soroban.Invocation.OutcomeStatus.Success)
                tx.Spec.Succeeded?.Invoke();
        }
    }

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
        // A call declared with a budget between what the two engines consume: a budget flip.
        var compute = Contract("compute");
        list.Add(new TxSpec(account++, "compute sort (budget between the engines)", Keys.Invoke(compute, "sort", Keys.U32(64), Keys.U32(7)),
            [compute.Code, compute.Instance], [], BudgetBetweenEngines: true));
        return list;
    }

    /// <summary>
    /// Ledger 6: the treasury pays every account and the custom account a balance of each token,
    /// which the authorized transfers of the later ledgers spend.
    /// </summary>
    private List<TxSpec> Payouts()
    {
        var holders = _accounts.Select(Keys.Account).Append(Contract("account").Address).ToArray();
        var list = new List<TxSpec>();
        var account = 0;
        foreach (var name in new[] { "tokenA", "tokenB" })
        {
            var token = Contract(name);
            list.Add(new TxSpec(account++, "payout", Keys.Invoke(Treasury, "pay", token.Address, Keys.Vec(holders), Keys.I128(Payout)),
                [Treasury.Code, Treasury.Instance, token.Code, token.Instance], [Balance(token, Treasury.Address), .. holders.Select(h => Balance(token, h))],
                Instructions: 100_000_000));
        }
        return list;
    }

    /// <summary>What ledger 6 pays each holder of each token.</summary>
    private const long Payout = 1_000_000_000;

    /// <summary>The declared disk reads of a transaction whose footprint holds one account entry (a signer's).</summary>
    private const uint AccountReadBytes = 512;

    /// <summary>A nonce an address consumed (a successful transaction): its entry lives until <see cref="LiveUntil"/>. <see cref="Signer"/>: the account, or -1 for the custom account.</summary>
    private sealed record Consumed(int Signer, long Nonce, uint LiveUntil);

    /// <summary>An allowance granted (a successful approve): <see cref="Spender"/> may spend it from <see cref="From"/> until <see cref="Until"/>.</summary>
    private sealed record Granted(SampleContract Token, int From, int Spender, long Amount, uint Until);

    private readonly List<Consumed> _consumed = [];
    private readonly List<Granted> _granted = [];

    private static SorobanAuthorizedInvocation Invocation(SampleContract contract, string function, SCVal[] args, params SorobanAuthorizedInvocation[] sub) => new()
    {
        Function = new SorobanAuthorizedFunction.ContractFn(new InvokeContractArgs
        {
            ContractAddress = new SCAddress.Contract(contract.Id),
            FunctionName = new XdrString(Encoding.UTF8.GetBytes(function)),
            Args = args,
        }),
        SubInvocations = sub,
    };

    /// <summary>An entry authorized by the transaction's source account (its signature on the transaction covers it).</summary>
    private static SorobanAuthorizationEntry SourceAuth(SorobanAuthorizedInvocation root) =>
        new() { Credentials = SorobanCredentials.SourceAccount.Instance, RootInvocation = root };

    /// <summary>
    /// An entry with address credentials: the signature covers SHA-256 of HashIdPreimage
    /// SorobanAuthorization (the network id, the nonce, the signature's expiration ledger and the
    /// invocation tree), as a wallet signs what simulation returns.
    /// </summary>
    private SorobanAuthorizationEntry AddressAuth(SCAddress address, long nonce, uint expiration, SorobanAuthorizedInvocation root, Func<byte[], SCVal> sign)
    {
        var payload = SHA256.HashData(XdrCodec.Encode<HashIDPreimage>(new HashIDPreimage.SorobanAuthorization(new HashIDPreimageSorobanAuthorization
        {
            NetworkID = _networkId,
            Nonce = nonce,
            SignatureExpirationLedger = expiration,
            Invocation = root,
        })));
        return new SorobanAuthorizationEntry
        {
            Credentials = new SorobanCredentials.Address(new SorobanAddressCredentials
            {
                Address = address,
                Nonce = nonce,
                SignatureExpirationLedger = expiration,
                Signature = sign(payload),
            }),
            RootInvocation = root,
        };
    }

    /// <summary>A classic account's signature: a vector of one AccountEd25519Signature (public_key, signature), signed by its master key.</summary>
    private static Func<byte[], SCVal> ClassicSigner(SampleKey key) => payload => Keys.Vec(new SCVal.Map(
    [
        new SCMapEntry { Key = Keys.Sym("public_key"), Val = Keys.Bytes(key.PublicKeyBytes) },
        new SCMapEntry { Key = Keys.Sym("signature"), Val = Keys.Bytes(key.Sign(payload)) },
    ]));

    /// <summary>The custom account's signature: the 64 bytes its __check_auth verifies with the key its constructor stored.</summary>
    private static Func<byte[], SCVal> CustomSigner(SampleKey key) => payload => Keys.Bytes(key.Sign(payload));

    /// <summary>The nonce entry an address's credentials consume: temporary contract data under the address, read-write in the footprint.</summary>
    private static LedgerKey NonceKey(SCAddress address, long nonce) => new LedgerKey.ContractData(new LedgerKeyContractData
    {
        Contract = address,
        Key = new SCVal.LedgerKeyNonce(new SCNonceKey { Nonce = nonce }),
        Durability = ContractDataDurability.Temporary,
    });

    /// <summary>How long a consumed nonce's entry lives: its signature's expiration, at least the minimum temporary TTL.</summary>
    private static uint NonceLiveUntil(uint seq, uint expiration) => Math.Max(expiration, seq + SampleNetwork.StateArchival.MinTemporaryTTL - 1);

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
            .. AuthMenu(Token),
        ];
    }

    /// <summary>
    /// Invocations carrying authorization entries: source-account credentials (the source's own
    /// transfers and approvals, a tree under the treasury's forward_as), address credentials
    /// signed by classic accounts that are not the source (transfers, transfers of an allowance,
    /// the same tree) and by the custom account's key (its __check_auth), and what the network
    /// refuses: an expired signature, a wrong signature, a nonce already consumed. The footprint
    /// holds what simulation would put there: a signer's account entry (read-only: its
    /// signers and thresholds) and the nonce entry (read-write: the host writes it).
    /// </summary>
    private List<Choice> AuthMenu(Func<SampleContract> token)
    {
        var custom = Contract("account");
        var customAddress = new SCAddress.Contract(custom.Id);
        int Other(int a)
        {
            var u = _rng.Below(AccountCount - 1);
            return u >= a ? u + 1 : u;
        }
        SCAddress Classic(int u) => new SCAddress.Account(_accounts[u].PublicKey);
        long Nonce() => (long)(_rng.Next() >> 1);
        uint Expiration(uint seq) => seq + (uint)_rng.Between(5, 120);
        SCVal Amount() => Keys.I128(_rng.Between(1, 1_000_000));
        // A recipient other than the sender (an account index; -1: the custom account): a footprint lists a key once.
        SCVal To(int from) => Keys.Account(_accounts[from < 0 ? _rng.Below(AccountCount) : Other(from)]);
        LedgerKey[] TokenRead(SampleContract t) => [t.Code, t.Instance];

        // A transfer from a classic account u that is not the source, u's address credentials signed by `sign`.
        TxSpec SignedTransfer(int a, uint seq, string step, int u, uint expiration, long nonce, Func<byte[], SCVal> sign)
        {
            var t = token();
            var from = Keys.Account(_accounts[u]);
            var to = To(u);
            var args = new[] { from, to, Amount() };
            var entry = AddressAuth(Classic(u), nonce, expiration, Invocation(t, "transfer", args), sign);
            var liveUntil = NonceLiveUntil(seq, expiration);
            return new TxSpec(a, step, Keys.Invoke(t, "transfer", args), [.. TokenRead(t), AccountKeyOf(u)],
                [NonceKey(Classic(u), nonce), Balance(t, from), Balance(t, to)], Auth: [entry], DiskReadBytes: AccountReadBytes,
                Succeeded: () => _consumed.Add(new Consumed(u, nonce, liveUntil)));
        }

        // A transfer from the custom account, its credentials signed by `key` (verified by its __check_auth).
        TxSpec CustomTransfer(int a, uint seq, string step, SampleKey key, long? reused = null)
        {
            var t = token();
            var to = To(-1);
            var args = new[] { custom.Address, to, Amount() };
            var nonce = reused ?? Nonce();
            var expiration = Expiration(seq);
            var liveUntil = NonceLiveUntil(seq, expiration);
            var entry = AddressAuth(customAddress, nonce, expiration, Invocation(t, "transfer", args), CustomSigner(key));
            return new TxSpec(a, step, Keys.Invoke(t, "transfer", args), [.. TokenRead(t), custom.Code, custom.Instance],
                [NonceKey(customAddress, nonce), Balance(t, custom.Address), Balance(t, to)], Auth: [entry],
                Succeeded: () => _consumed.Add(new Consumed(-1, nonce, liveUntil)));
        }

        // The treasury's forward_as on behalf of `from`, relaying a token transfer from it: the
        // authorized tree is forward_as with the transfer under it.
        (HostFunction Function, SorobanAuthorizedInvocation Tree, LedgerKey[] ReadOnly, LedgerKey[] ReadWrite) Relay(int u)
        {
            var t = token();
            var from = Keys.Account(_accounts[u]);
            var to = To(u);
            var transferArgs = new[] { from, to, Amount() };
            var args = new[] { from, t.Address, Keys.Sym("transfer"), Keys.Vec(transferArgs) };
            var tree = Invocation(Treasury, "forward_as", args, Invocation(t, "transfer", transferArgs));
            return (Keys.Invoke(Treasury, "forward_as", args), tree, [Treasury.Code, Treasury.Instance, .. TokenRead(t)], [Balance(t, from), Balance(t, to)]);
        }

        return
        [
            new(4, (a, _) =>
            {
                var t = token();
                var from = Keys.Account(_accounts[a]);
                var to = To(a);
                var args = new[] { from, to, Amount() };
                return new TxSpec(a, "auth source transfer", Keys.Invoke(t, "transfer", args), TokenRead(t), [Balance(t, from), Balance(t, to)],
                    Auth: [SourceAuth(Invocation(t, "transfer", args))]);
            }),
            new(2, (a, seq) =>
            {
                var t = token();
                var spender = Other(a);
                var amount = _rng.Between(1000, 2_000_000);
                var until = seq + (uint)_rng.Between(5, 60);
                var args = new[] { Keys.Account(_accounts[a]), Keys.Account(_accounts[spender]), Keys.I128(amount), Keys.U32(until) };
                return new TxSpec(a, "auth source approve", Keys.Invoke(t, "approve", args), TokenRead(t), [Allowance(t, args[0], args[1])],
                    Auth: [SourceAuth(Invocation(t, "approve", args))], Succeeded: () => _granted.Add(new Granted(t, a, spender, amount, until)));
            }),
            new(1, (a, _) =>
            {
                var (function, tree, readOnly, readWrite) = Relay(a);
                return new TxSpec(a, "auth source forward_as", function, readOnly, readWrite, Auth: [SourceAuth(tree)]);
            }),
            new(4, (a, seq) =>
            {
                var u = Other(a);
                return SignedTransfer(a, seq, "auth address transfer", u, Expiration(seq), Nonce(), ClassicSigner(_accounts[u]));
            }),
            new(2, (a, seq) =>
            {
                // A spender (not the source) spends part of an allowance granted to it earlier, with its own credentials.
                var live = _granted.Where(g => g.Until > seq && g.Spender != a).ToList();
                if (live.Count == 0)
                {
                    var u = Other(a);
                    return SignedTransfer(a, seq, "auth address transfer", u, Expiration(seq), Nonce(), ClassicSigner(_accounts[u]));
                }
                var g = live[_rng.Below(live.Count)];
                var spender = Keys.Account(_accounts[g.Spender]);
                var from = Keys.Account(_accounts[g.From]);
                var to = To(g.From);
                var args = new[] { spender, from, to, Keys.I128(_rng.Between(1, (int)Math.Max(1, g.Amount / 2))) };
                var nonce = Nonce();
                var expiration = Expiration(seq);
                var liveUntil = NonceLiveUntil(seq, expiration);
                var entry = AddressAuth(Classic(g.Spender), nonce, expiration, Invocation(g.Token, "transfer_from", args), ClassicSigner(_accounts[g.Spender]));
                return new TxSpec(a, "auth address transfer_from", Keys.Invoke(g.Token, "transfer_from", args), [.. TokenRead(g.Token), AccountKeyOf(g.Spender)],
                    [NonceKey(Classic(g.Spender), nonce), Allowance(g.Token, from, spender), Balance(g.Token, from), Balance(g.Token, to)],
                    Auth: [entry], DiskReadBytes: AccountReadBytes,
                    Succeeded: () => _consumed.Add(new Consumed(g.Spender, nonce, liveUntil)));
            }),
            new(3, (a, seq) =>
            {
                var u = Other(a);
                var (function, tree, readOnly, readWrite) = Relay(u);
                var nonce = Nonce();
                var expiration = Expiration(seq);
                var liveUntil = NonceLiveUntil(seq, expiration);
                var entry = AddressAuth(Classic(u), nonce, expiration, tree, ClassicSigner(_accounts[u]));
                return new TxSpec(a, "auth address forward_as", function, [.. readOnly, AccountKeyOf(u)], [NonceKey(Classic(u), nonce), .. readWrite],
                    Auth: [entry], DiskReadBytes: AccountReadBytes,
                    Succeeded: () => _consumed.Add(new Consumed(u, nonce, liveUntil)));
            }),
            new(3, (a, seq) => CustomTransfer(a, seq, "auth custom account transfer", AccountKey)),
            new(1, (a, seq) =>
            {
                // The signature expired the ledger before: the host refuses it.
                var u = Other(a);
                return SignedTransfer(a, seq, "auth expired signature", u, seq - 1, Nonce(), ClassicSigner(_accounts[u]));
            }),
            new(1, (a, seq) =>
            {
                // Signed by another key in the name of u's master key: the signature does not verify.
                var u = Other(a);
                var key = _accounts[u];
                return SignedTransfer(a, seq, "auth wrong signature", u, Expiration(seq), Nonce(), payload => Keys.Vec(new SCVal.Map(
                [
                    new SCMapEntry { Key = Keys.Sym("public_key"), Val = Keys.Bytes(key.PublicKeyBytes) },
                    new SCMapEntry { Key = Keys.Sym("signature"), Val = Keys.Bytes(Impostor.Sign(payload)) },
                ])));
            }),
            new(1, (a, seq) => CustomTransfer(a, seq, "auth custom account wrong signature", Impostor)),
            new(1, (a, seq) =>
            {
                // A nonce its address consumed earlier, its entry still live: a fresh, valid signature, refused for the nonce.
                var live = _consumed.Where(c => c.LiveUntil >= seq && c.Signer != a).ToList();
                if (live.Count == 0)
                    return CustomTransfer(a, seq, "auth custom account transfer", AccountKey);
                var c = live[_rng.Below(live.Count)];
                return c.Signer < 0
                    ? CustomTransfer(a, seq, "auth reused nonce", AccountKey, c.Nonce)
                    : SignedTransfer(a, seq, "auth reused nonce", c.Signer, Expiration(seq), c.Nonce, ClassicSigner(_accounts[c.Signer]));
            }),
        ];
    }

    private LedgerKey AccountKeyOf(int account) => new LedgerKey.Account(new LedgerKeyAccount { AccountID = _accounts[account].PublicKey });
}
