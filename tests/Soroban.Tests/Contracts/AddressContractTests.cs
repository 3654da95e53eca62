using System.Security.Cryptography;
using System.Text;
using Replay.Engines;
using Replay.Soroban.Invocation;
using Replay.Soroban.Values;
using Replay.Stellar.Domain;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Tests.Contracts;

/// <summary>
/// Module "a"'s strkey conversions and executable getter and module "l"'s get_contract_id, called
/// from tests/Contracts/address*.c on every engine variant through the e2e invocation: results,
/// errors (type, code and the reference's message in the error diagnostic event) and what each
/// protocol's linked strkey crate accepts. Cost figures are asserted against the reference's
/// recordings in <see cref="AddressObservationTests"/>.
/// </summary>
public sealed class AddressContractTests
{
    // SEP-23's example key and its account and contract strkeys (ecosystem/sep-0023.md).
    private static readonly byte[] Key = Convert.FromHexString("3f0c34bf93ad0d9971d04ccc90f705511c838aad9734a4a2fb0d7a03fc7fe89a");

    private const string AccountStrkey = "GA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVSGZ";

    private const string ContractStrkey = "CA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJUWDA";

    // SEP-23's muxed account of that key with id 0, and rs-soroban-env's liquidity pool example.
    private const string MuxedStrkey = "MA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJUAAAAAAAAAAAACJUQ";

    private const string PoolStrkey = "LA3D5KRYM6CB7OWQ6TWYRR3Z4T7GNZLKERYNZGGA5SOAOPIFY6YQGZ5J";

    private const string SeedStrkey = "SBU2RRGLXH3E5CQHTD3ODLDF2BWDCYUSSBLLZ5GNW7JXHDIYKXZWHOKR";

    private static readonly SCAddress Account = new SCAddress.Account(new PublicKey.PublicKeyTypeEd25519(Uint256.FromBytes(Key)));

    private static readonly SCAddress ContractAddress = new SCAddress.Contract(Hash.FromBytes(Key));

    public static TheoryData<string, int> Runs(params int[] protocols)
    {
        var data = new TheoryData<string, int>();
        foreach (var v in EngineCatalog.Variants)
        {
            foreach (var p in protocols)
                data.Add(v.Name, p);
        }
        return data;
    }

    public static TheoryData<string, int> StrkeyRuns() => Runs(20, 21, 22, 23, 26);

    public static TheoryData<string, int> ExecutableRuns() => Runs(23, 26);

    public static TheoryData<string, int> MuxedRuns() => Runs(26, 27);

    public static TheoryData<string, int> OldRuns() => Runs(20, 22);

    private static SCVal Str(string s) => new SCVal.String(new XdrString(Encoding.ASCII.GetBytes(s)));

    private static SCVal Bytes(byte[] b) => new SCVal.Bytes(b);

    private static SCVal Addr(SCAddress a) => new SCVal.Address(a);

    private static string Text(SCVal? v) => Encoding.ASCII.GetString(Assert.IsType<SCVal.String>(v).Value.Bytes);

    /// <summary>The messages of the host's error diagnostic events (topics "error", error; data the message or [message, args...]).</summary>
    private static List<string> ErrorMessages(HostInvocationResult r) =>
    [
        .. r.DiagnosticEvents
            .Select(d => ((ContractEventBody.V0)d.Event.Body).Value)
            .Where(b => b.Topics is [SCVal.Symbol { Value.Bytes: var s }, ..] && Encoding.ASCII.GetString(s) == "error")
            .SelectMany(b => b.Data switch
            {
                SCVal.String str => [str],
                SCVal.Vec { Value: { } items } => items.OfType<SCVal.String>().Take(1),
                _ => [],
            })
            .Select(s => Encoding.UTF8.GetString(s.Value.Bytes)),
    ];

    private static void AssertFails(HostInvocationResult r, SCErrorType type, SCErrorCode code, string message)
    {
        Assert.NotNull(r.Error);
        Assert.Equal((type, code), (r.Error.Type, r.Error.Code));
        Assert.Contains(message, ErrorMessages(r));
    }

    [Theory]
    [MemberData(nameof(StrkeyRuns))]
    public void AddressesConvertToStrkeysAndBack(string variant, int protocol)
    {
        var v = EngineCatalog.GetVariant(variant);
        var ledger = new ContractLedger(protocol);
        var id = ledger.Deploy("address");

        Assert.Equal(AccountStrkey, Text(ledger.Invoke(v, id, "to_strkey", [Addr(Account)]).ReturnValue));
        Assert.Equal(ContractStrkey, Text(ledger.Invoke(v, id, "to_strkey", [Addr(ContractAddress)]).ReturnValue));

        // From a string or a bytes object.
        Assert.Equal(Addr(Account).ToXdr(), ledger.Invoke(v, id, "from_strkey", [Str(AccountStrkey)]).ReturnValue!.ToXdr());
        Assert.Equal(Addr(ContractAddress).ToXdr(), ledger.Invoke(v, id, "from_strkey", [Bytes(Encoding.ASCII.GetBytes(ContractStrkey))]).ReturnValue!.ToXdr());

        foreach (var a in new[] { Account, ContractAddress })
        {
            var r = ledger.Invoke(v, id, "roundtrip", [Addr(a)]);
            Assert.Null(r.Error);
            Assert.Equal(Addr(a).ToXdr(), r.ReturnValue!.ToXdr());
        }
    }

    [Theory]
    [MemberData(nameof(StrkeyRuns))]
    public void BadStrkeysFailWithTheReferenceErrors(string variant, int protocol)
    {
        var v = EngineCatalog.GetVariant(variant);
        var ledger = new ContractLedger(protocol);
        var id = ledger.Deploy("address");
        HostInvocationResult From(SCVal arg) => ledger.Invoke(v, id, "from_strkey", [arg]);

        AssertFails(From(new SCVal.U32(7)), SCErrorType.Value, SCErrorCode.UnexpectedType, "strkey is not an object");
        AssertFails(From(new SCVal.Vec([Str(AccountStrkey)])), SCErrorType.Value, SCErrorCode.UnexpectedType, "strkey is not a string or bytes object");
        AssertFails(From(Str(AccountStrkey[..55])), SCErrorType.Value, SCErrorCode.InvalidInput, "unexpected strkey length");
        AssertFails(From(Str(AccountStrkey + "A")), SCErrorType.Value, SCErrorCode.InvalidInput, "unexpected strkey length");
        // A muxed account's strkey is 69 characters: too long for strkey_to_address at every protocol.
        AssertFails(From(Str(MuxedStrkey)), SCErrorType.Value, SCErrorCode.InvalidInput, "unexpected strkey length");
        // A valid strkey of another kind.
        AssertFails(From(Str(SeedStrkey)), SCErrorType.Value, SCErrorCode.InvalidInput, "incorrect strkey type");
        // A bad checksum, characters outside base32, bytes that are not UTF-8.
        AssertFails(From(Str(AccountStrkey[..55] + "A")), SCErrorType.Value, SCErrorCode.InvalidInput, "couldn't process the string as strkey");
        AssertFails(From(Str("GA1" + AccountStrkey[3..])), SCErrorType.Value, SCErrorCode.InvalidInput, "couldn't process the string as strkey");
        AssertFails(From(Bytes(Enumerable.Repeat((byte)0x80, 56).ToArray())), SCErrorType.Value, SCErrorCode.InvalidInput, "couldn't process the string as strkey");

        // Liquidity-pool strkeys are known to stellar-strkey 0.0.13 (the hosts of protocol 23 on):
        // before, one does not decode at all.
        AssertFails(From(Str(PoolStrkey)), SCErrorType.Value, SCErrorCode.InvalidInput,
            protocol >= 23 ? "incorrect strkey type" : "couldn't process the string as strkey");
    }

    /// <summary>
    /// The protocol 20-21 host links stellar-strkey 0.0.8, whose base32 decoder upper-cases letters
    /// and reads '=' as 'A' except at the end: lower-case strkeys and inner '=' are accepted there,
    /// and refused from protocol 22.
    /// </summary>
    [Theory]
    [MemberData(nameof(StrkeyRuns))]
    public void TheOldStrkeyCrateAcceptsLowerCaseAndInnerPadding(string variant, int protocol)
    {
        var v = EngineCatalog.GetVariant(variant);
        var ledger = new ContractLedger(protocol);
        var id = ledger.Deploy("address");
        var lenient = protocol <= 21;
        // "GA7Q…": its second character is 'A', read as the value 0 like '='.
        foreach (var text in new[] { AccountStrkey.ToLowerInvariant(), "G=" + AccountStrkey[2..] })
        {
            var r = ledger.Invoke(v, id, "from_strkey", [Str(text)]);
            if (lenient)
            {
                Assert.Null(r.Error);
                Assert.Equal(Addr(Account).ToXdr(), r.ReturnValue!.ToXdr());
            }
            else
            {
                AssertFails(r, SCErrorType.Value, SCErrorCode.InvalidInput, "couldn't process the string as strkey");
            }
        }

        // A trailing '=' shortens what the old decoder reads, which then fails its length check.
        var endsInA = Enumerable.Range(0, 256)
            .Select(i => StrKey.Encode(StrKeyKind.AccountId, Enumerable.Repeat((byte)i, 32).ToArray()))
            .First(s => s.EndsWith('A'));
        var valid = ledger.Invoke(v, id, "from_strkey", [Str(endsInA)]);
        Assert.Null(valid.Error);
        AssertFails(ledger.Invoke(v, id, "from_strkey", [Str(endsInA[..55] + "=")]), SCErrorType.Value, SCErrorCode.InvalidInput,
            "couldn't process the string as strkey");
    }

    [Theory]
    [MemberData(nameof(StrkeyRuns))]
    public void ContractIdsAreDerivedWithoutDeploying(string variant, int protocol)
    {
        var v = EngineCatalog.GetVariant(variant);
        var ledger = new ContractLedger(protocol);
        var id = ledger.Deploy("address");
        var salt = Enumerable.Repeat((byte)5, 32).ToArray();
        foreach (var deployer in new[] { Account, new SCAddress.Contract(id) })
        {
            var expected = ContractId.FromPreimage(
                new ContractIDPreimage.Address(new ContractIDPreimageFromAddress { Address = deployer, Salt = Uint256.FromBytes(salt) }),
                Hash.FromBytes(ContractLedger.NetworkId));
            var r = ledger.Invoke(v, id, "contract_id", [Addr(deployer), Bytes(salt)]);
            Assert.Null(r.Error);
            Assert.Equal(Addr(new SCAddress.Contract(expected)).ToXdr(), r.ReturnValue!.ToXdr());
            // Nothing is read or written.
            Assert.DoesNotContain(r.LedgerChanges, c => !c.ReadOnly);
        }

        AssertFails(ledger.Invoke(v, id, "contract_id", [Addr(Account), Bytes(new byte[31])]), SCErrorType.Object, SCErrorCode.UnexpectedSize,
            "expected fixed-length bytes slice, got slice with different size");

        // The predicted id is the id create_contract gives the same code and salt.
        var wasm = ContractBuilder.Build("smoke", protocol);
        var codeHash = SHA256.HashData(wasm);
        ledger.DeployWasm(wasm, "smoke");
        var newId = ContractId.FromPreimage(
            new ContractIDPreimage.Address(new ContractIDPreimageFromAddress { Address = new SCAddress.Contract(id), Salt = Uint256.FromBytes(salt) }),
            Hash.FromBytes(ContractLedger.NetworkId));
        var deployed = ledger.Invoke(v, id, "id_then_deploy", [Bytes(codeHash), Bytes(salt)], readWrite: [ContractLedger.InstanceKey(newId)]);
        Assert.Null(deployed.Error);
        Assert.Equal(Addr(new SCAddress.Contract(newId)).ToXdr(), deployed.ReturnValue!.ToXdr());
    }

    [Theory]
    [MemberData(nameof(ExecutableRuns))]
    public void AddressesHaveTheirExecutables(string variant, int protocol)
    {
        var v = EngineCatalog.GetVariant(variant);
        var ledger = new ContractLedger(protocol);
        var id = ledger.Deploy("address23");
        var ownHash = SHA256.HashData(ContractBuilder.Build("address23", protocol));
        static SCVal Case(string name, params SCVal[] rest) => new SCVal.Vec([new SCVal.Symbol(new XdrString(Encoding.ASCII.GetBytes(name))), .. rest]);

        var own = ledger.Invoke(v, id, "own_executable");
        Assert.Null(own.Error);
        Assert.Equal(Case("Wasm", Bytes(ownHash)).ToXdr(), own.ReturnValue!.ToXdr());

        // An asset contract's instance.
        var sac = Hash.FromBytes(Enumerable.Repeat((byte)0x5a, 32).ToArray());
        ledger.Put(ContractLedger.DataEntry(sac, SCVal.LedgerKeyContractInstance.Instance, ContractDataDurability.Persistent,
            new SCVal.ContractInstance(new SCContractInstance { Executable = ContractExecutable.StellarAsset.Instance })), ledger.Sequence + 50_000);
        var asset = ledger.Invoke(v, id, "executable", [Addr(new SCAddress.Contract(sac))]);
        Assert.Null(asset.Error);
        Assert.Equal(Case("StellarAsset").ToXdr(), asset.ReturnValue!.ToXdr());

        // A contract without an instance (its key in the footprint): Void.
        var nothing = Hash.FromBytes(new byte[32]);
        var none = ledger.Invoke(v, id, "executable", [Addr(new SCAddress.Contract(nothing))], readOnly: [ContractLedger.InstanceKey(nothing)]);
        Assert.Null(none.Error);
        Assert.IsType<SCVal.Void>(none.ReturnValue);

        // An account: Account when its entry exists, Void otherwise; its key must be in the footprint.
        var accountKey = new LedgerKey.Account(new LedgerKeyAccount { AccountID = ((SCAddress.Account)Account).Value });
        var absent = ledger.Invoke(v, id, "executable", [Addr(Account)], readOnly: [accountKey]);
        Assert.Null(absent.Error);
        Assert.IsType<SCVal.Void>(absent.ReturnValue);
        AssertFails(ledger.Invoke(v, id, "executable", [Addr(Account)]), SCErrorType.Storage, SCErrorCode.ExceededLimit,
            "trying to access account outside of the footprint");
        ledger.Put(new LedgerEntry
        {
            LastModifiedLedgerSeq = 990,
            Data = new LedgerEntryData.Account(new AccountEntry
            {
                AccountID = ((SCAddress.Account)Account).Value,
                Balance = 1_000_000_000,
                SeqNum = 1,
                HomeDomain = XdrString.Empty,
                Thresholds = Thresholds.FromBytes([1, 0, 0, 0]),
                Signers = [],
                Ext = AccountEntryExt.V0.Instance,
            }),
            Ext = LedgerEntryExt.V0.Instance,
        }, null);
        var present = ledger.Invoke(v, id, "executable", [Addr(Account)], readOnly: [accountKey]);
        Assert.Null(present.Error);
        Assert.Equal(Case("Account").ToXdr(), present.ReturnValue!.ToXdr());
    }

    /// <summary>get_address_executable exists from protocol 23: a contract importing it cannot be instantiated at 22.</summary>
    [Theory]
    [MemberData(nameof(OldRuns))]
    public void TheExecutableGetterIsNotLinkedBeforeProtocol23(string variant, int protocol)
    {
        var ledger = new ContractLedger(protocol);
        var id = ledger.Deploy("address23");
        var r = ledger.Invoke(EngineCatalog.GetVariant(variant), id, "own_executable");
        Assert.Equal((SCErrorType.WasmVm, SCErrorCode.InvalidAction), (r.Error!.Type, r.Error.Code));
    }

    [Theory]
    [MemberData(nameof(MuxedRuns))]
    public void MuxedAddressesConvertToStrkeysAndBack(string variant, int protocol)
    {
        var v = EngineCatalog.GetVariant(variant);
        var ledger = new ContractLedger(protocol);
        var id = ledger.Deploy("address26");
        SCAddress Muxed(ulong mux) => new SCAddress.MuxedAccount(new MuxedEd25519Account { Id = mux, Ed25519 = Uint256.FromBytes(Key) });

        Assert.Equal(MuxedStrkey, Text(ledger.Invoke(v, id, "to_muxed_strkey", [Addr(Muxed(0))]).ReturnValue));
        Assert.Equal(AccountStrkey, Text(ledger.Invoke(v, id, "to_muxed_strkey", [Addr(Account)]).ReturnValue));
        Assert.Equal(ContractStrkey, Text(ledger.Invoke(v, id, "to_muxed_strkey", [Addr(ContractAddress)]).ReturnValue));

        Assert.Equal(Addr(Muxed(0)).ToXdr(), ledger.Invoke(v, id, "from_muxed_strkey", [Str(MuxedStrkey)]).ReturnValue!.ToXdr());
        Assert.Equal(Addr(Account).ToXdr(), ledger.Invoke(v, id, "from_muxed_strkey", [Bytes(Encoding.ASCII.GetBytes(AccountStrkey))]).ReturnValue!.ToXdr());
        Assert.Equal(Addr(ContractAddress).ToXdr(), ledger.Invoke(v, id, "from_muxed_strkey", [Str(ContractStrkey)]).ReturnValue!.ToXdr());

        foreach (var a in new[] { Muxed(12345678901234567890), Account, ContractAddress })
        {
            var r = ledger.Invoke(v, id, "muxed_roundtrip", [Addr(a)]);
            Assert.Null(r.Error);
            Assert.Equal(Addr(a).ToXdr(), r.ReturnValue!.ToXdr());
        }

        AssertFails(ledger.Invoke(v, id, "to_muxed_strkey", [new SCVal.U32(1)]), SCErrorType.Value, SCErrorCode.UnexpectedType, "address is not an object");
        AssertFails(ledger.Invoke(v, id, "to_muxed_strkey", [new SCVal.Vec([])]), SCErrorType.Value, SCErrorCode.UnexpectedType,
            "value is not an AddressObject or MuxedAddressObject");
        AssertFails(ledger.Invoke(v, id, "from_muxed_strkey", [Str(MuxedStrkey[..68])]), SCErrorType.Value, SCErrorCode.InvalidInput, "unexpected strkey length");
        AssertFails(ledger.Invoke(v, id, "from_muxed_strkey", [Str(SeedStrkey)]), SCErrorType.Value, SCErrorCode.InvalidInput, "incorrect strkey type");
        // A signed payload of 1 to 4 bytes has a muxed account's length (69): the wrong kind.
        var signedPayload = StrKey.Encode(StrKeyKind.SignedPayload, [.. Key, 0, 0, 0, 3, 1, 2, 3, 0]);
        Assert.Equal(69, signedPayload.Length);
        AssertFails(ledger.Invoke(v, id, "from_muxed_strkey", [Str(signedPayload)]), SCErrorType.Value, SCErrorCode.InvalidInput, "incorrect strkey type");
        // 69 characters carry one unused bit, which must be zero.
        var last = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".IndexOf(MuxedStrkey[^1], StringComparison.Ordinal);
        var nonCanonical = MuxedStrkey[..68] + "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"[last | 1];
        AssertFails(ledger.Invoke(v, id, "from_muxed_strkey", [Str(nonCanonical)]), SCErrorType.Value, SCErrorCode.InvalidInput,
            "couldn't process the string as strkey");
    }
}
