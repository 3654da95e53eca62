using System.Security.Cryptography;
using Replay.History.Cases;
using Replay.Stellar.Json;
using Replay.Stellar.Xdr;

namespace Replay.Diff;

/// <summary>
/// What a case is about, for reports and signatures: where it came from, the operation, and
/// the contract it runs (address, function, Wasm hash).
/// </summary>
/// <param name="Source">The ledger's file, object key or URL (the file for a meta: directory).</param>
/// <param name="Kind">"invoke-contract", "create-contract", "create-contract-v2" or "upload-wasm".</param>
/// <param name="Contract">The invoked contract's address (strkey), or null when the operation invokes none.</param>
/// <param name="Function">The invoked function's name, or null.</param>
/// <param name="WasmHash">Lower-case hex hash of the contract's Wasm (for an upload, of the uploaded code); null for an asset contract or when the footprint lacks it.</param>
public sealed record CaseFacts(
    string Source,
    uint Ledger,
    int TransactionIndex,
    int OperationIndex,
    string TxHash,
    uint Protocol,
    string Kind,
    string? Contract,
    string? Function,
    string? WasmHash)
{
    public static CaseFacts Of(ReplayCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        string kind;
        string? contract = null, function = null, wasm = null;
        switch (c.HostFunction)
        {
            case HostFunction.InvokeContract ic:
                kind = "invoke-contract";
                contract = AddressText(ic.Value.ContractAddress);
                function = ic.Value.FunctionName.ToString();
                wasm = WasmHashOf(c, ic.Value.ContractAddress);
                break;
            case HostFunction.CreateContract cc:
                kind = "create-contract";
                wasm = cc.Value.Executable is ContractExecutable.Wasm w ? w.Value.ToString() : null;
                break;
            case HostFunction.CreateContractV2 cc2:
                kind = "create-contract-v2";
                wasm = cc2.Value.Executable is ContractExecutable.Wasm w2 ? w2.Value.ToString() : null;
                break;
            case HostFunction.UploadContractWasm up:
                kind = "upload-wasm";
                wasm = Convert.ToHexStringLower(SHA256.HashData(up.Value));
                break;
            default:
                kind = c.HostFunction.Type.ToString();
                break;
        }
        return new CaseFacts(c.Provenance.Object, c.Id.Ledger, c.Id.TransactionIndex, c.Id.OperationIndex, c.Id.TransactionHash.ToString(),
            c.LedgerInfo.ProtocolVersion, kind, contract, function, wasm);
    }

    /// <summary>The address as the Stellar CLI writes it (a strkey).</summary>
    public static string AddressText(SCAddress address)
    {
        var json = XdrJsonText.ToJson(address);
        return json.Length >= 2 && json[0] == '"' ? json[1..^1] : json;
    }

    /// <summary>The Wasm hash of a contract's instance as the case's footprint holds it, or null.</summary>
    public static string? WasmHashOf(ReplayCase c, SCAddress contract)
    {
        ArgumentNullException.ThrowIfNull(c);
        foreach (var f in c.Footprint)
        {
            if (f.Entry?.Data is LedgerEntryData.ContractData { Value: var d }
                && d.Key is SCVal.LedgerKeyContractInstance
                && d.Val is SCVal.ContractInstance { Value.Executable: ContractExecutable.Wasm { Value: var hash } }
                && XdrCodec.Encode(d.Contract).AsSpan().SequenceEqual(XdrCodec.Encode(contract)))
                return hash.ToString();
        }
        return null;
    }
}
