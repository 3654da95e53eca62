namespace Replay.Soroban.Budget;

/// <summary>
/// Byte sizes the reference host declares for its in-memory types when metering allocations
/// and copies (fact: soroban-env-host/src/host/declared_size.rs at each linked commit). Only sizes
/// our host charges with are listed; each is the input unit of MemAlloc / MemCpy charges. Sizes
/// that changed between host versions are functions of the ledger protocol.
/// </summary>
public static class DeclaredSize
{
    public const ulong U8 = 1;
    public const ulong U32 = 4;
    public const ulong U64 = 8;
    public const ulong U128 = 16;
    /// <summary>A Val and every Val wrapper (objects, U32Val, Symbol...).</summary>
    public const ulong Val = 8;
    /// <summary>U256 / I256.</summary>
    public const ulong U256 = 32;
    /// <summary>A HostObject table entry: 48 bytes in hosts v21-v22, 64 from v23 (protocol 23) on.</summary>
    public static ulong HostObject(int protocol) => protocol <= 22 ? 48UL : 64UL;
    /// <summary>A Rust Vec header (also ScBytes / ScString / ScSymbol / BytesM / StringM / MeteredVector / MeteredOrdMap).</summary>
    public const ulong Vec = 24;
    /// <summary>A (K, V) pair: K + V + 8; a map entry (Val, Val) is 24.</summary>
    public const ulong ValPair = Val + Val + 8;
    /// <summary>ScVal.</summary>
    public const ulong ScVal = 64;
    /// <summary>ScMapEntry.</summary>
    public const ulong ScMapEntry = 128;
    /// <summary>ScAddress (and the muxed address object's payload): 33 bytes up to v22, 48 from v23 on.</summary>
    public static ulong ScAddress(int protocol) => protocol <= 22 ? 33UL : 48UL;
    /// <summary>ScNonceKey.</summary>
    public const ulong ScNonceKey = 33;
    /// <summary>A Context frame.</summary>
    public const ulong Context = 512;
    /// <summary>SymbolStr (SCSYMBOL_LIMIT bytes).</summary>
    public const ulong SymbolStr = 32;
    /// <summary>TimePoint / Duration.</summary>
    public const ulong TimePoint = 8;
    /// <summary>Hash / Uint256.</summary>
    public const ulong Hash = 32;

    /// <summary>An Rc or Arc pointer.</summary>
    public const ulong Rc = 16;
    /// <summary>Option&lt;T&gt;: T plus 8.</summary>
    public static ulong Option(ulong inner) => inner + 8;
    /// <summary>A (K, V) tuple: K + V + 8.</summary>
    public static ulong Pair(ulong key, ulong value) => key + value + 8;
    /// <summary>LedgerKey.</summary>
    public const ulong LedgerKey = 120;
    /// <summary>LedgerEntry.</summary>
    public const ulong LedgerEntry = 256;
    /// <summary>TtlEntry.</summary>
    public const ulong TtlEntry = 36;
    /// <summary>ContractEvent (XDR).</summary>
    public const ulong ContractEvent = 128;
    /// <summary>ScContractInstance.</summary>
    public const ulong ScContractInstance = 64;
    /// <summary>ContractExecutable.</summary>
    public const ulong ContractExecutable = 33;
    /// <summary>ContractCodeEntry.</summary>
    public const ulong ContractCodeEntry = 64;
    /// <summary>ContractCodeCostInputs.</summary>
    public const ulong ContractCodeCostInputs = 40;
    /// <summary>ContractCodeEntryV1.</summary>
    public const ulong ContractCodeEntryV1 = 40;
    /// <summary>AccountId / PublicKey / Uint256 / ContractId (32 bytes each).</summary>
    public const ulong AccountId = 32;
    /// <summary>LedgerEntryExt.</summary>
    public const ulong LedgerEntryExt = 33;
    /// <summary>AccountEntry.</summary>
    public const ulong AccountEntry = 216;

    /// <summary>Asset and TrustLineAsset (45 at every linked commit).</summary>
    public const ulong Asset = 45;

    public const ulong TrustLineAsset = 45;

    public const ulong TrustLineEntry = 128;
    /// <summary>Signer.</summary>
    public const ulong Signer = 72;
    /// <summary>SponsorshipDescriptor (an optional AccountId).</summary>
    public const ulong SponsorshipDescriptor = 33;
    /// <summary>The footprint's AccessType.</summary>
    public const ulong AccessType = 1;
    /// <summary>wasmi::Value (the VM's argument cell).</summary>
    public const ulong WasmiValue = 16;
    /// <summary>InvokeContractArgs: 88 bytes up to v22, 96 from v23 on.</summary>
    public static ulong InvokeContractArgs(int protocol) => protocol <= 22 ? 88UL : 96UL;
    /// <summary>The host's internal event (contract or diagnostic) and its status: (InternalEvent 40, EventError 1).</summary>
    public const ulong InternalEventWithStatus = 40 + 1 + 8;
    /// <summary>HostEvent (an externalized event with its failed-call flag).</summary>
    public const ulong HostEvent = 136;
    /// <summary>InternalDiagnosticArg.</summary>
    public const ulong InternalDiagnosticArg = 64;
    /// <summary>InternalDiagnosticEvent.</summary>
    public const ulong InternalDiagnosticEvent = 88;
    /// <summary>The auth manager's ContractInvocation (call stack frame).</summary>
    public const ulong ContractInvocation = 16;

    /// <summary>
    /// What a create-contract auth frame holds: CreateContractArgs (98) in the v21 host (protocols
    /// 20-21), CreateContractArgsV2 from protocol 22 (128; 144 from protocol 23).
    /// </summary>
    public static ulong CreateContractArgs(int protocol) => protocol switch
    {
        <= 21 => 98UL,
        22 => 128UL,
        _ => 144UL,
    };

    /// <summary>SorobanAuthorizationEntry: 240 (v21 host), 264 (p22), 296 (p23-26), 320 (p27).</summary>
    public static ulong SorobanAuthorizationEntry(int protocol) => protocol switch
    {
        <= 21 => 240UL,
        22 => 264UL,
        <= 26 => 296UL,
        _ => 320UL,
    };

    /// <summary>SorobanAuthorizedInvocation: 128 (v21 host), 152 (p22), 168 from p23.</summary>
    public static ulong SorobanAuthorizedInvocation(int protocol) => protocol switch
    {
        <= 21 => 128UL,
        22 => 152UL,
        _ => 168UL,
    };

    /// <summary>The auth manager's AuthorizedInvocation: 136 (v21 host), 160 (p22), 176 from p23.</summary>
    public static ulong AuthorizedInvocation(int protocol) => protocol switch
    {
        <= 21 => 136UL,
        22 => 160UL,
        _ => 176UL,
    };

    /// <summary>AccountAuthorizationTracker: 232 (v21 host), 256 (p22), 280 (p23-26), 288 (p27).</summary>
    public static ulong AccountAuthorizationTracker(int protocol) => protocol switch
    {
        <= 21 => 232UL,
        22 => 256UL,
        <= 26 => 280UL,
        _ => 288UL,
    };

    /// <summary>AccountAuthorizationTrackerSnapshot: 40, 96 from p27 (the delegated signers' snapshot).</summary>
    public static ulong AccountAuthorizationTrackerSnapshot(int protocol) => protocol <= 26 ? 40UL : 96UL;

    /// <summary>InvokerContractAuthorizationTracker: 192 (v21 host), 216 (p22), 232 from p23.</summary>
    public static ulong InvokerContractAuthorizationTracker(int protocol) => protocol switch
    {
        <= 21 => 192UL,
        22 => 216UL,
        _ => 232UL,
    };

    /// <summary>DelegatedAccountAuthSignerTreeNode (p27).</summary>
    public const ulong DelegatedAccountAuthSignerTreeNode = 48;

    /// <summary>DelegatedAccountAuthSignerTreeNodeSnapshot (p27).</summary>
    public const ulong DelegatedAccountAuthSignerTreeNodeSnapshot = 32;

    /// <summary>ScSymbol (a string header).</summary>
    public const ulong ScSymbol = 24;

    /// <summary>ContractIdPreimage: 65 up to protocol 22, 80 from 23.</summary>
    public static ulong ContractIdPreimage(int protocol) => protocol <= 22 ? 65UL : 80UL;
    /// <summary>The auth manager's AuthorizedInvocationSnapshot.</summary>
    public const ulong AuthorizedInvocationSnapshot = 32;
    /// <summary>&amp;str (a string slice: pointer and length).</summary>
    public const ulong StrRef = 16;
    /// <summary>HostError (an Error and an optional boxed debug info).</summary>
    public const ulong HostError = 16;
}
