using Replay.History.Cases;
using Replay.Stellar.Xdr;

namespace Replay.Replayer.Pipeline;

/// <summary>
/// Probe cases for faults the corpus cannot reveal: none of its contracts executes i32.rem_s.
/// A probe is a corpus case (an invocation that succeeds) whose contract code is replaced by a
/// small module exporting the same function, which computes -7 rem_s 3 and returns it as an I32
/// value; the module keeps the original's contractenvmetav0 section so the host accepts it for
/// the ledger's protocol. Engines are compared with each other on probes, never with the
/// recording (which is the original contract's).
/// </summary>
public static class SelfTestProbes
{
    /// <summary>One probe per protocol among <paramref name="corpus"/>'s successful Wasm invocations (the first such case of each).</summary>
    public static IReadOnlyList<ReplayCase> Build(IReadOnlyList<ReplayCase> corpus)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var probes = new List<ReplayCase>();
        var protocols = new HashSet<uint>();
        foreach (var c in corpus)
        {
            if (c.HostFunction is not HostFunction.InvokeContract ic || c.Recorded.OperationResult != InvokeHostFunctionResultCode.Success
                || c.Auth.Length > 0 || protocols.Contains(c.LedgerInfo.ProtocolVersion))
                continue;
            if (Probe(c, ic.Value) is { } probe)
            {
                protocols.Add(c.LedgerInfo.ProtocolVersion);
                probes.Add(probe);
            }
        }
        return probes;
    }

    private static ReplayCase? Probe(ReplayCase c, InvokeContractArgs call)
    {
        var wasmHash = Diff.CaseFacts.WasmHashOf(c, call.ContractAddress);
        if (wasmHash is null)
            return null;
        var footprint = new FootprintEntry[c.Footprint.Length];
        var replaced = false;
        for (var i = 0; i < footprint.Length; i++)
        {
            var f = c.Footprint[i];
            if (f.Entry?.Data is LedgerEntryData.ContractCode { Value: var code } && code.Hash.ToString() == wasmHash
                && EnvMetaSection(code.Code) is { } meta)
            {
                var entry = XdrCodec.Decode<LedgerEntry>(XdrCodec.Encode(f.Entry));
                ((LedgerEntryData.ContractCode)entry.Data).Value.Code = Module(call.FunctionName.ToString(), call.Args.Length, meta);
                footprint[i] = f with { Entry = entry };
                replaced = true;
            }
            else
            {
                footprint[i] = f;
            }
        }
        if (!replaced)
            return null;
        return new ReplayCase
        {
            Id = c.Id,
            Provenance = c.Provenance with { Object = c.Provenance.Object + " (self-test probe: i32.rem_s)" },
            LedgerInfo = c.LedgerInfo,
            Settings = c.Settings,
            HostFunction = c.HostFunction,
            Resources = c.Resources,
            ArchivedEntryIndices = c.ArchivedEntryIndices,
            ResourceFee = c.ResourceFee,
            TransactionSizeBytes = c.TransactionSizeBytes,
            SourceAccount = c.SourceAccount,
            Auth = c.Auth,
            Footprint = footprint,
            PrngSeed = c.PrngSeed,
            Recorded = c.Recorded,
        };
    }

    /// <summary>The whole contractenvmetav0 custom section (id, size and content) of a module, or null.</summary>
    public static byte[]? EnvMetaSection(byte[] wasm)
    {
        ArgumentNullException.ThrowIfNull(wasm);
        if (wasm.Length < 8)
            return null;
        var at = 8;
        while (at < wasm.Length)
        {
            var start = at;
            var id = wasm[at++];
            if (!TryLeb(wasm, ref at, out var size) || at + (long)size > wasm.Length)
                return null;
            var end = at + (int)size;
            if (id == 0)
            {
                var nameAt = at;
                if (TryLeb(wasm, ref nameAt, out var nameLength) && nameAt + (long)nameLength <= end
                    && wasm.AsSpan(nameAt, (int)nameLength).SequenceEqual("contractenvmetav0"u8))
                    return wasm[start..end];
            }
            at = end;
        }
        return null;
    }

    /// <summary>
    /// (module (func (export NAME) (param i64 × ARITY) (result i64) (local i32)
    ///   i32.const -7  local.set ARITY  local.get ARITY  i32.const 3  i32.rem_s
    ///   i64.extend_i32_u  i64.const 32  i64.shl  i64.const 5 (I32 tag)  i64.or)) + the meta section.
    /// </summary>
    public static byte[] Module(string function, int arity, byte[] envMeta)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(envMeta);
        var m = new List<byte>();
        m.AddRange([0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]);
        // type section: one func type (i64 × arity) -> i64
        var type = new List<byte> { 0x01, 0x60 };
        Leb(type, (uint)arity);
        for (var i = 0; i < arity; i++)
            type.Add(0x7E);
        type.AddRange([0x01, 0x7E]);
        Section(m, 1, type);
        Section(m, 3, [0x01, 0x00]);
        var name = System.Text.Encoding.UTF8.GetBytes(function);
        var export = new List<byte> { 0x01 };
        Leb(export, (uint)name.Length);
        export.AddRange(name);
        export.AddRange([0x00, 0x00]);
        Section(m, 7, export);
        var local = (uint)arity;
        var body = new List<byte> { 0x01, 0x01, 0x7F }; // one local group: 1 × i32
        body.AddRange([0x41, 0x79]); // i32.const -7
        body.Add(0x21); Leb(body, local); // local.set
        body.Add(0x20); Leb(body, local); // local.get
        body.AddRange([0x41, 0x03]); // i32.const 3
        body.Add(0x6F); // i32.rem_s
        body.Add(0xAD); // i64.extend_i32_u
        body.AddRange([0x42, 0x20]); // i64.const 32
        body.Add(0x86); // i64.shl
        body.AddRange([0x42, 0x05]); // i64.const 5 (the I32 value tag)
        body.Add(0x84); // i64.or
        body.Add(0x0B); // end
        var code = new List<byte> { 0x01 };
        Leb(code, (uint)body.Count);
        code.AddRange(body);
        Section(m, 10, code);
        m.AddRange(envMeta);
        return [.. m];
    }

    private static void Section(List<byte> module, byte id, List<byte> content)
    {
        module.Add(id);
        Leb(module, (uint)content.Count);
        module.AddRange(content);
    }

    private static void Leb(List<byte> to, uint value)
    {
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            to.Add(value != 0 ? (byte)(b | 0x80) : b);
        }
        while (value != 0);
    }

    private static bool TryLeb(byte[] data, ref int at, out uint value)
    {
        value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            if (at >= data.Length)
                return false;
            var b = data[at++];
            value |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
                return true;
        }
        return false;
    }
}
