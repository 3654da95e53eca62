using System.Text;
using Replay.Engines;
using Replay.Soroban.Invocation;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Tests.Contracts;

/// <summary>
/// The Stellar Asset Contract's functions the core-tests corpus does not exercise (init_asset called
/// directly, name, symbol, decimals, admin, set_admin, approve, allowance, set_authorized,
/// authorized, mint and clawback of contract balances) and the per-protocol event shapes: through
/// the e2e invocation, with the issuer as the transaction's source account authorizing by a
/// source-account entry. Behaviour (results, stored values, events, error codes) is asserted; cost
/// figures are only asserted against recordings (CorpusAssetContractTests).
/// </summary>
public sealed class AssetContractTests
{
    private static readonly PublicKey Issuer = new PublicKey.PublicKeyTypeEd25519(Uint256.FromBytes(new byte[32]));

    private static readonly Asset Usd = new Asset.CreditAlphanum4(new AlphaNum4 { AssetCode = AssetCode4.FromBytes("USD\0"u8), Issuer = Issuer });

    private static readonly Hash Holder = Hash.FromBytes(Enumerable.Repeat((byte)0x11, 32).ToArray());

    private static readonly Hash NewAdmin = Hash.FromBytes(Enumerable.Repeat((byte)0x22, 32).ToArray());

    private static SCVal Contract(Hash id) => new SCVal.Address(new SCAddress.Contract(id));

    private static SCVal IssuerAddress => new SCVal.Address(new SCAddress.Account(Issuer));

    private static SCVal Sym(string s) => new SCVal.Symbol(new XdrString(Encoding.ASCII.GetBytes(s)));

    private static SCVal Str(string s) => new SCVal.String(new XdrString(Encoding.ASCII.GetBytes(s)));

    private static SCVal I128(long v) => new SCVal.I128(new Int128Parts { Hi = v < 0 ? -1 : 0, Lo = (ulong)v });

    private static readonly string IssuerStrKey = Stellar.Domain.StrKey.Encode(Stellar.Domain.StrKeyKind.AccountId, new byte[32]);

    private static LedgerKey BalanceKey(Hash sac, Hash holder) => ContractLedger.DataKey(sac,
        new SCVal.Vec([Sym("Balance"), Contract(holder)]), ContractDataDurability.Persistent);

    private static LedgerKey AllowanceKey(Hash sac, SCVal from, SCVal spender) => ContractLedger.DataKey(sac,
        new SCVal.Vec([Sym("Allowance"), new SCVal.Map([
            new SCMapEntry { Key = Sym("from"), Val = from },
            new SCMapEntry { Key = Sym("spender"), Val = spender }])]), ContractDataDurability.Temporary);

    private static readonly LedgerKey IssuerAccountKey = new LedgerKey.Account(new LedgerKeyAccount { AccountID = Issuer });

    private static SorobanAuthorizationEntry[] IssuerAuth(Hash sac, string function, params SCVal[] args) =>
    [
        new SorobanAuthorizationEntry
        {
            Credentials = SorobanCredentials.SourceAccount.Instance,
            RootInvocation = new SorobanAuthorizedInvocation
            {
                Function = new SorobanAuthorizedFunction.ContractFn(new InvokeContractArgs
                {
                    ContractAddress = new SCAddress.Contract(sac),
                    FunctionName = new XdrString(Encoding.ASCII.GetBytes(function)),
                    Args = args,
                }),
                SubInvocations = [],
            },
        },
    ];

    private static (ContractLedger Ledger, Hash Sac) NewAssetContract(int protocol)
    {
        var ledger = new ContractLedger(protocol);
        // The issuer may revoke authorization and claw back (flags 2 and 8).
        ledger.Put(new LedgerEntry
        {
            LastModifiedLedgerSeq = 900,
            Data = new LedgerEntryData.Account(new AccountEntry
            {
                AccountID = Issuer,
                Balance = 1_000_000_000,
                SeqNum = 1,
                NumSubEntries = 0,
                Flags = 2 | 8,
                HomeDomain = new XdrString([]),
                Thresholds = Thresholds.FromBytes([1, 0, 0, 0]),
                Signers = [],
                Ext = AccountEntryExt.V0.Instance,
            }),
            Ext = LedgerEntryExt.V0.Instance,
        }, null);
        var sac = Stellar.Domain.ContractId.FromPreimage(new ContractIDPreimage.Asset(Usd), Hash.FromBytes(ContractLedger.NetworkId));
        ledger.Put(ContractLedger.DataEntry(sac, SCVal.LedgerKeyContractInstance.Instance, ContractDataDurability.Persistent,
            new SCVal.ContractInstance(new SCContractInstance { Executable = ContractExecutable.StellarAsset.Instance })), ledger.Sequence + 50_000);
        return (ledger, sac);
    }

    public static TheoryData<int> Protocols() => [22, 23, 26];

    private static readonly EngineVariant Stack = EngineCatalog.GetVariant("stack/Eager");

    [Theory]
    [MemberData(nameof(Protocols))]
    public void InitAssetStoresTheAssetInfoTheAdminAndTheSep11Metadata(int protocol)
    {
        var (ledger, sac) = NewAssetContract(protocol);
        var instanceKey = ContractLedger.InstanceKey(sac);
        var init = ledger.Invoke(Stack, sac, "init_asset", [new SCVal.Bytes(Usd.ToXdr())], readWrite: [instanceKey]);
        Assert.Null(init.Error);
        var instance = Assert.IsType<SCVal.ContractInstance>(((LedgerEntryData.ContractData)Assert.Single(init.LedgerChanges, c => !c.ReadOnly).NewValue!.Data).Value.Val).Value;
        var storage = instance.Storage!.ToDictionary(e => Convert.ToHexString(e.Key.ToXdr()), e => e.Val);
        Assert.Equal(3, storage.Count);
        Assert.Equal(IssuerAddress.ToXdr(), storage[Convert.ToHexString(new SCVal.Vec([Sym("Admin")]).ToXdr())].ToXdr());
        var metadata = Assert.IsType<SCVal.Map>(storage[Convert.ToHexString(Sym("METADATA").ToXdr())]).Value!;
        Assert.Equal(["decimal", "name", "symbol"], metadata.Select(e => ((SCVal.Symbol)e.Key).Value.ToString()));
        Assert.Equal(7u, Assert.IsType<SCVal.U32>(metadata[0].Val).Value);
        Assert.Equal("USD:" + IssuerStrKey, Assert.IsType<SCVal.String>(metadata[1].Val).Value.ToString());
        Assert.Equal("USD", Assert.IsType<SCVal.String>(metadata[2].Val).Value.ToString());
        var info = Assert.IsType<SCVal.Vec>(storage[Convert.ToHexString(new SCVal.Vec([Sym("AssetInfo")]).ToXdr())]).Value!;
        Assert.Equal("AlphaNum4", ((SCVal.Symbol)info[0]).Value.ToString());
        var fields = Assert.IsType<SCVal.Map>(info[1]).Value!;
        Assert.Equal("USD\0", Assert.IsType<SCVal.String>(fields[0].Val).Value.ToString());
        Assert.Equal(new byte[32], Assert.IsType<SCVal.Bytes>(fields[1].Val).Value);

        Assert.Equal("USD:" + IssuerStrKey, Assert.IsType<SCVal.String>(ledger.Invoke(Stack, sac, "name").ReturnValue).Value.ToString());
        Assert.Equal("USD", Assert.IsType<SCVal.String>(ledger.Invoke(Stack, sac, "symbol").ReturnValue).Value.ToString());
        Assert.Equal(7u, Assert.IsType<SCVal.U32>(ledger.Invoke(Stack, sac, "decimals").ReturnValue).Value);
        Assert.Equal(IssuerAddress.ToXdr(), ledger.Invoke(Stack, sac, "admin").ReturnValue!.ToXdr());

        // A second initialization: AlreadyInitializedError (3); an unknown function: not among the names.
        var again = ledger.Invoke(Stack, sac, "init_asset", [new SCVal.Bytes(Usd.ToXdr())], readWrite: [instanceKey]);
        Assert.Equal((SCErrorType.Contract, 3u), (again.Error!.Type, again.Error.RawCode));
        var unknown = ledger.Invoke(Stack, sac, "nope");
        Assert.Equal((SCErrorType.Value, SCErrorCode.InvalidInput), (unknown.Error!.Type, unknown.Error.Code));
        var arity = ledger.Invoke(Stack, sac, "decimals", [new SCVal.U32(1)]);
        Assert.Equal((SCErrorType.Context, SCErrorCode.UnexpectedSize), (arity.Error!.Type, arity.Error.Code));
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public void ContractBalancesMintDeauthorizeClawbackAndAllowances(int protocol)
    {
        var (ledger, sac) = NewAssetContract(protocol);
        var instanceKey = ContractLedger.InstanceKey(sac);
        Assert.Null(ledger.Invoke(Stack, sac, "init_asset", [new SCVal.Bytes(Usd.ToXdr())], readWrite: [instanceKey]).Error);
        var balanceKey = BalanceKey(sac, Holder);
        var name = Str("USD:" + IssuerStrKey);

        var mint = ledger.Invoke(Stack, sac, "mint", [Contract(Holder), I128(1000)], readWrite: [balanceKey], readOnly: [IssuerAccountKey],
            auth: IssuerAuth(sac, "mint", Contract(Holder), I128(1000)));
        Assert.Null(mint.Error);
        // Protocols 20-22 name the admin in mint, clawback and set_authorized events; from 23 they do not.
        SCVal[] mintTopics = protocol < 23 ? [Sym("mint"), IssuerAddress, Contract(Holder), name] : [Sym("mint"), Contract(Holder), name];
        AssertEvent(mint, sac, mintTopics, I128(1000));
        var stored = Assert.IsType<SCVal.Map>(((LedgerEntryData.ContractData)Assert.Single(mint.LedgerChanges, c => !c.ReadOnly).NewValue!.Data).Value.Val).Value!;
        Assert.Equal(["amount", "authorized", "clawback"], stored.Select(e => ((SCVal.Symbol)e.Key).Value.ToString()));
        Assert.Equal(I128(1000).ToXdr(), stored[0].Val.ToXdr());
        Assert.Equal(new SCVal.Bool(true).ToXdr(), stored[1].Val.ToXdr());
        Assert.Equal(new SCVal.Bool(true).ToXdr(), stored[2].Val.ToXdr()); // the issuer has AUTH_CLAWBACK_ENABLED

        Assert.Equal(I128(1000).ToXdr(), ledger.Invoke(Stack, sac, "balance", [Contract(Holder)], readOnly: [balanceKey]).ReturnValue!.ToXdr());
        Assert.Equal(new SCVal.Bool(true).ToXdr(), ledger.Invoke(Stack, sac, "authorized", [Contract(Holder)], readOnly: [balanceKey, IssuerAccountKey]).ReturnValue!.ToXdr());

        var deauth = ledger.Invoke(Stack, sac, "set_authorized", [Contract(Holder), new SCVal.Bool(false)], readWrite: [balanceKey], readOnly: [IssuerAccountKey],
            auth: IssuerAuth(sac, "set_authorized", Contract(Holder), new SCVal.Bool(false)));
        Assert.Null(deauth.Error);
        SCVal[] authTopics = protocol < 23 ? [Sym("set_authorized"), IssuerAddress, Contract(Holder), name] : [Sym("set_authorized"), Contract(Holder), name];
        AssertEvent(deauth, sac, authTopics, new SCVal.Bool(false));
        Assert.Equal(new SCVal.Bool(false).ToXdr(), ledger.Invoke(Stack, sac, "authorized", [Contract(Holder)], readOnly: [balanceKey, IssuerAccountKey]).ReturnValue!.ToXdr());

        // A deauthorized balance cannot receive: BalanceDeauthorizedError (11).
        var refused = ledger.Invoke(Stack, sac, "mint", [Contract(Holder), I128(1)], readWrite: [balanceKey], readOnly: [IssuerAccountKey],
            auth: IssuerAuth(sac, "mint", Contract(Holder), I128(1)));
        Assert.Equal((SCErrorType.Contract, 11u), (refused.Error!.Type, refused.Error.RawCode));

        // Clawback ignores authorization.
        var clawback = ledger.Invoke(Stack, sac, "clawback", [Contract(Holder), I128(400)], readWrite: [balanceKey], readOnly: [IssuerAccountKey],
            auth: IssuerAuth(sac, "clawback", Contract(Holder), I128(400)));
        Assert.Null(clawback.Error);
        SCVal[] clawTopics = protocol < 23 ? [Sym("clawback"), IssuerAddress, Contract(Holder), name] : [Sym("clawback"), Contract(Holder), name];
        AssertEvent(clawback, sac, clawTopics, I128(400));
        Assert.Equal(I128(600).ToXdr(), ledger.Invoke(Stack, sac, "balance", [Contract(Holder)], readOnly: [balanceKey]).ReturnValue!.ToXdr());
        var tooMuch = ledger.Invoke(Stack, sac, "clawback", [Contract(Holder), I128(601)], readWrite: [balanceKey], readOnly: [IssuerAccountKey],
            auth: IssuerAuth(sac, "clawback", Contract(Holder), I128(601)));
        Assert.Equal((SCErrorType.Contract, 10u), (tooMuch.Error!.Type, tooMuch.Error.RawCode));

        // Negative amounts: NegativeAmountError (8); the issuer cannot burn its own asset: OperationNotSupportedError (2).
        var negative = ledger.Invoke(Stack, sac, "mint", [Contract(Holder), I128(-1)], readWrite: [balanceKey], readOnly: [IssuerAccountKey]);
        Assert.Equal((SCErrorType.Contract, 8u), (negative.Error!.Type, negative.Error.RawCode));
        var burnIssuer = ledger.Invoke(Stack, sac, "burn", [IssuerAddress, I128(1)]);
        Assert.Equal((SCErrorType.Contract, 2u), (burnIssuer.Error!.Type, burnIssuer.Error.RawCode));

        // Allowances live in temporary storage until their ledger.
        var allowanceKey = AllowanceKey(sac, IssuerAddress, Contract(Holder));
        var liveUntil = ledger.Sequence + 100;
        var approve = ledger.Invoke(Stack, sac, "approve", [IssuerAddress, Contract(Holder), I128(50), new SCVal.U32(liveUntil)], readWrite: [allowanceKey],
            auth: IssuerAuth(sac, "approve", IssuerAddress, Contract(Holder), I128(50), new SCVal.U32(liveUntil)));
        Assert.Null(approve.Error);
        AssertEvent(approve, sac, [Sym("approve"), IssuerAddress, Contract(Holder), name], new SCVal.Vec([I128(50), new SCVal.U32(liveUntil)]));
        var written = Assert.Single(approve.LedgerChanges, c => !c.ReadOnly);
        // The allowance's TTL reaches its live-until ledger (one ledger more before protocol 23).
        Assert.Equal(protocol < 23 ? liveUntil + 1 : liveUntil, written.Ttl!.NewLiveUntil);
        Assert.Equal(I128(50).ToXdr(), ledger.Invoke(Stack, sac, "allowance", [IssuerAddress, Contract(Holder)], readOnly: [allowanceKey]).ReturnValue!.ToXdr());
        ledger.Sequence = liveUntil + 1;
        Assert.Equal(I128(0).ToXdr(), ledger.Invoke(Stack, sac, "allowance", [IssuerAddress, Contract(Holder)], readOnly: [allowanceKey]).ReturnValue!.ToXdr());
        ledger.Sequence = 1000;

        // set_admin hands the admin role over; the event names the old admin and carries the new one.
        var setAdmin = ledger.Invoke(Stack, sac, "set_admin", [Contract(NewAdmin)], readWrite: [instanceKey],
            auth: IssuerAuth(sac, "set_admin", Contract(NewAdmin)));
        Assert.Null(setAdmin.Error);
        AssertEvent(setAdmin, sac, [Sym("set_admin"), IssuerAddress, name], Contract(NewAdmin));
        Assert.Equal(Contract(NewAdmin).ToXdr(), ledger.Invoke(Stack, sac, "admin").ReturnValue!.ToXdr());
    }

    private static void AssertEvent(HostInvocationResult r, Hash sac, SCVal[] topics, SCVal data)
    {
        var e = Assert.Single(r.ContractEvents).Event;
        Assert.Equal(sac, e.ContractID);
        var body = ((ContractEventBody.V0)e.Body).Value;
        Assert.Equal(topics.Select(t => Convert.ToHexString(t.ToXdr())), body.Topics.Select(t => Convert.ToHexString(t.ToXdr())));
        Assert.Equal(Convert.ToHexString(data.ToXdr()), Convert.ToHexString(body.Data.ToXdr()));
    }

    [Fact]
    public void Sep11RendersCodesWithEscapes()
    {
        Assert.Equal("USD", Host.Host.RenderSep0011AssetCode("USD\0"u8));
        Assert.Equal("ABCD", Host.Host.RenderSep0011AssetCode("ABCD"u8));
        Assert.Equal("A\\x3aB", Host.Host.RenderSep0011AssetCode("A:B\0"u8));
        Assert.Equal("\\x5c\\x7f", Host.Host.RenderSep0011AssetCode([(byte)'\\', 0x7f, 0, 0]));
        // A 12-byte code keeps zeros up to its fifth byte.
        Assert.Equal("AB\\x00\\x00\\x00", Host.Host.RenderSep0011AssetCode("AB\0\0\0\0\0\0\0\0\0\0"u8));
        Assert.Equal("LONGCODE", Host.Host.RenderSep0011AssetCode("LONGCODE\0\0\0\0"u8));
    }

    public static TheoryData<string, int> FromContractRuns()
    {
        var data = new TheoryData<string, int>();
        foreach (var v in EngineCatalog.Variants)
        {
            foreach (var p in new[] { 23, 26 })
                data.Add(v.Name, p);
        }
        return data;
    }

    /// <summary>
    /// From a contract: get_asset_contract_id, create_asset_contract (the new contract initialized and
    /// usable; a second creation is (Storage, ExistingValue)) and a muxed address's account and id.
    /// </summary>
    [Theory]
    [MemberData(nameof(FromContractRuns))]
    public void ContractsDeriveAndCreateAssetContractsAndSplitMuxedAddresses(string variant, int protocol)
    {
        var v = EngineCatalog.GetVariant(variant);
        var ledger = new ContractLedger(protocol);
        var deployer = ledger.Deploy("asset");
        var sac = Stellar.Domain.ContractId.FromPreimage(new ContractIDPreimage.Asset(Usd), Hash.FromBytes(ContractLedger.NetworkId));
        var assetXdr = new SCVal.Bytes(Usd.ToXdr());

        var id = ledger.Invoke(v, deployer, "asset_id", [assetXdr]);
        Assert.Null(id.Error);
        Assert.Equal(Contract(sac).ToXdr(), id.ReturnValue!.ToXdr());

        var instanceKey = ContractLedger.InstanceKey(sac);
        var created = ledger.Invoke(v, deployer, "deploy_asset", [assetXdr], readWrite: [instanceKey]);
        Assert.Null(created.Error);
        Assert.Equal(Contract(sac).ToXdr(), created.ReturnValue!.ToXdr());
        var instance = Assert.IsType<SCVal.ContractInstance>(((LedgerEntryData.ContractData)Assert.Single(created.LedgerChanges, c => !c.ReadOnly).NewValue!.Data).Value.Val).Value;
        Assert.IsType<ContractExecutable.StellarAsset>(instance.Executable);
        Assert.Equal(3, instance.Storage!.Length);
        Assert.Equal("USD", Assert.IsType<SCVal.String>(ledger.Invoke(v, sac, "symbol").ReturnValue).Value.ToString());

        var again = ledger.Invoke(v, deployer, "deploy_asset", [assetXdr], readWrite: [instanceKey]);
        Assert.Equal((SCErrorType.Storage, SCErrorCode.ExistingValue), (again.Error!.Type, again.Error.Code));

        var key = Uint256.FromBytes(Enumerable.Repeat((byte)9, 32).ToArray());
        var muxed = new SCVal.Address(new SCAddress.MuxedAccount(new MuxedEd25519Account { Id = 77, Ed25519 = key }));
        var parts = ledger.Invoke(v, deployer, "muxed_parts", [muxed]);
        Assert.Null(parts.Error);
        var items = Assert.IsType<SCVal.Vec>(parts.ReturnValue).Value!;
        Assert.Equal(new SCVal.Address(new SCAddress.Account(new PublicKey.PublicKeyTypeEd25519(key))).ToXdr(), items[0].ToXdr());
        Assert.Equal(77ul, Assert.IsType<SCVal.U64>(items[1]).Value);
    }
}
