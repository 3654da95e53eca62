using System.Security.Cryptography;
using Replay.Engines;
using Replay.Soroban.Invocation;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Tests.Contracts;

/// <summary>
/// Deployment from a contract (upload_wasm, create_contract, create_contract_with_constructor,
/// update_current_contract_wasm)
/// and authorization without entries (require_auth, require_auth_for_args: only the direct
/// invoker contract is authorized), on every engine variant.
/// </summary>
public sealed class DeployAndAuthContractTests
{
    public static TheoryData<string, int> Runs()
    {
        var data = new TheoryData<string, int>();
        foreach (var v in EngineCatalog.Variants)
        {
            foreach (var p in new[] { 20, 22, 23, 26 })
                data.Add(v.Name, p);
        }
        return data;
    }

    private static SCVal Address(Hash id) => new SCVal.Address(new SCAddress.Contract(id));

    private static SCVal Bytes(byte[] b) => new SCVal.Bytes(b);

    private static SCVal Sym(string s) => new SCVal.Symbol(new XdrString(System.Text.Encoding.ASCII.GetBytes(s)));

    private static Hash ContractIdOf(Hash deployer, byte[] salt) => Stellar.Domain.ContractId.FromPreimage(
        new ContractIDPreimage.Address(new ContractIDPreimageFromAddress { Address = new SCAddress.Contract(deployer), Salt = Uint256.FromBytes(salt) }),
        Hash.FromBytes(ContractLedger.NetworkId));

    private static LedgerKey CodeKey(byte[] wasm) => new LedgerKey.ContractCode(new LedgerKeyContractCode { Hash = Hash.FromBytes(SHA256.HashData(wasm)) });

    [Theory]
    [MemberData(nameof(Runs))]
    public void ContractsUploadAndDeploy(string variant, int protocol)
    {
        var v = EngineCatalog.GetVariant(variant);
        var ledger = new ContractLedger(protocol);
        var deployer = ledger.Deploy("deploy");
        var wasm = ContractBuilder.Build("smoke", protocol);
        var codeKey = CodeKey(wasm);

        var upload = ledger.Invoke(v, deployer, "upload", [Bytes(wasm)], readWrite: [codeKey]);
        Assert.Null(upload.Error);
        Assert.Equal(SHA256.HashData(wasm), Assert.IsType<SCVal.Bytes>(upload.ReturnValue).Value);
        var code = Assert.Single(upload.LedgerChanges, c => c.Key is LedgerKey.ContractCode && !c.ReadOnly);
        var entry = Assert.IsType<LedgerEntryData.ContractCode>(code.NewValue!.Data).Value;
        Assert.Equal(wasm, entry.Code);
        // The refined cost inputs are stored from protocol 21.
        Assert.Equal(protocol >= 21, entry.Ext is ContractCodeEntryExt.V1);
        Assert.Equal(1000u + 4096 - 1, code.Ttl!.NewLiveUntil);

        var salt = Enumerable.Repeat((byte)3, 32).ToArray();
        var newId = ContractIdOf(deployer, salt);
        var instanceKey = ContractLedger.InstanceKey(newId);
        var deploy = ledger.Invoke(v, deployer, "deploy", [Bytes(SHA256.HashData(wasm)), Bytes(salt)], readOnly: [codeKey], readWrite: [instanceKey]);
        Assert.Null(deploy.Error);
        Assert.Equal(newId, Assert.IsType<SCAddress.Contract>(Assert.IsType<SCVal.Address>(deploy.ReturnValue).Value).Value);
        var created = Assert.Single(deploy.LedgerChanges, c => !c.ReadOnly);
        var instance = Assert.IsType<SCVal.ContractInstance>(((LedgerEntryData.ContractData)created.NewValue!.Data).Value.Val).Value;
        Assert.Equal(Hash.FromBytes(SHA256.HashData(wasm)), Assert.IsType<ContractExecutable.Wasm>(instance.Executable).Value);

        // The new contract runs.
        var run = ledger.Invoke(v, newId, "add", [new SCVal.U32(1), new SCVal.U32(2)]);
        Assert.Null(run.Error);
        Assert.Equal(3u, Assert.IsType<SCVal.U32>(run.ReturnValue).Value);

        // The same salt again: (Storage, ExistingValue); code that is not there: (Storage, MissingValue).
        var again = ledger.Invoke(v, deployer, "deploy", [Bytes(SHA256.HashData(wasm)), Bytes(salt)], readOnly: [codeKey], readWrite: [instanceKey]);
        Assert.Equal((SCErrorType.Storage, SCErrorCode.ExistingValue), (again.Error!.Type, again.Error.Code));
        var otherSalt = Enumerable.Repeat((byte)4, 32).ToArray();
        var missingCode = new byte[32];
        var missing = ledger.Invoke(v, deployer, "deploy", [Bytes(missingCode), Bytes(otherSalt)],
            readOnly: [new LedgerKey.ContractCode(new LedgerKeyContractCode { Hash = Hash.FromBytes(missingCode) })],
            readWrite: [ContractLedger.InstanceKey(ContractIdOf(deployer, otherSalt))]);
        Assert.Equal((SCErrorType.Storage, SCErrorCode.MissingValue), (missing.Error!.Type, missing.Error.Code));
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void ContractUpdatesItsOwnCode(string variant, int protocol)
    {
        var v = EngineCatalog.GetVariant(variant);
        var ledger = new ContractLedger(protocol);
        var contract = ledger.Deploy("deploy");
        var oldHash = SHA256.HashData(ContractBuilder.Build("deploy", protocol));
        var wasm = ContractBuilder.Build("smoke", protocol);
        var codeKey = CodeKey(wasm);
        var instanceKey = ContractLedger.InstanceKey(contract);

        // Code that is not uploaded: (Storage, MissingValue), nothing written.
        var missing = ledger.Invoke(v, contract, "update", [Bytes(SHA256.HashData(wasm))], readOnly: [codeKey], readWrite: [instanceKey]);
        Assert.Equal((SCErrorType.Storage, SCErrorCode.MissingValue), (missing.Error!.Type, missing.Error.Code));

        Assert.Null(ledger.Invoke(v, contract, "upload", [Bytes(wasm)], readWrite: [codeKey]).Error);
        var update = ledger.Invoke(v, contract, "update", [Bytes(SHA256.HashData(wasm))], readWrite: [instanceKey]);
        Assert.Null(update.Error);
        Assert.IsType<SCVal.Void>(update.ReturnValue);
        var written = Assert.Single(update.LedgerChanges, c => !c.ReadOnly);
        var instance = Assert.IsType<SCVal.ContractInstance>(((LedgerEntryData.ContractData)written.NewValue!.Data).Value.Val).Value;
        Assert.Equal(Hash.FromBytes(SHA256.HashData(wasm)), Assert.IsType<ContractExecutable.Wasm>(instance.Executable).Value);

        // The system event: topics "executable_update", then the old and new executables as contract-type enums; no data.
        var (e, _) = Assert.Single(update.ContractEvents);
        Assert.Equal(ContractEventType.System, e.Type);
        Assert.Equal(contract, e.ContractID);
        var body = ((ContractEventBody.V0)e.Body).Value;
        SCVal Executable(byte[] hash) => new SCVal.Vec([Sym("Wasm"), Bytes(hash)]);
        Assert.Equal(
            XdrCodec.Encode<SCVal>(new SCVal.Vec([Sym("executable_update"), Executable(oldHash), Executable(SHA256.HashData(wasm))])),
            XdrCodec.Encode<SCVal>(new SCVal.Vec(body.Topics)));
        Assert.Equal(XdrCodec.Encode<SCVal>(new SCVal.Vec([])), XdrCodec.Encode<SCVal>(body.Data));

        // The contract now runs the new code.
        var run = ledger.Invoke(v, contract, "add", [new SCVal.U32(1), new SCVal.U32(2)]);
        Assert.Null(run.Error);
        Assert.Equal(3u, Assert.IsType<SCVal.U32>(run.ReturnValue).Value);
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void ConstructorsRunAtDeployment(string variant, int protocol)
    {
        if (protocol < 22)
            return;
        var v = EngineCatalog.GetVariant(variant);
        var ledger = new ContractLedger(protocol);
        var deployer = ledger.Deploy("deploy22");
        ledger.Deploy("ctor", "ctor-code");
        var wasm = ContractBuilder.Build("ctor", protocol);
        var salt = Enumerable.Repeat((byte)5, 32).ToArray();
        var newId = ContractIdOf(deployer, salt);
        var r = ledger.Invoke(v, deployer, "deploy_ctor", [Bytes(SHA256.HashData(wasm)), Bytes(salt), new SCVal.U32(42)],
            readOnly: [CodeKey(wasm)], readWrite: [ContractLedger.InstanceKey(newId)]);
        Assert.Null(r.Error);
        var get = ledger.Invoke(v, newId, "get");
        Assert.Null(get.Error);
        Assert.Equal(42u, Assert.IsType<SCVal.U32>(get.ReturnValue).Value);
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void OnlyTheDirectInvokerIsAuthorized(string variant, int protocol)
    {
        var v = EngineCatalog.GetVariant(variant);
        var ledger = new ContractLedger(protocol);
        var a = ledger.Deploy("auth", "a");
        var b = ledger.Deploy("auth", "b");
        foreach (var function in new[] { "guarded", "guarded_args" })
        {
            // A calls B.guarded(A): A is B's direct invoker.
            Assert.Null(ledger.Invoke(v, a, "call_with", [Address(b), Sym(function), Address(a)]).Error);
            // A calls B.guarded(B): B is not its own invoker, and there are no entries.
            var notInvoker = ledger.Invoke(v, a, "call_with", [Address(b), Sym(function), Address(b)]);
            Assert.Equal((SCErrorType.Auth, SCErrorCode.InvalidAction), (notInvoker.Error!.Type, notInvoker.Error.Code));
            // At the top there is no invoker at all.
            var top = ledger.Invoke(v, a, function, [Address(a)]);
            Assert.Equal((SCErrorType.Auth, SCErrorCode.InvalidAction), (top.Error!.Type, top.Error.Code));
        }
    }
}
