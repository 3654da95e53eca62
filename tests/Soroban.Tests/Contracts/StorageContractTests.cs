using Replay.Engines;
using Replay.Soroban.Invocation;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Tests.Contracts;

/// <summary>
/// Module "l" through tests/Contracts/ledger.c on every engine variant: the footprint, the three
/// storage types, TTLs on creation and extension under the protocol's rules, and the ledger changes
/// the host reports.
/// </summary>
public sealed class StorageContractTests
{
    private const uint Temporary = 0, Persistent = 1, Instance = 2;

    public static TheoryData<string, int> Runs()
    {
        var data = new TheoryData<string, int>();
        foreach (var v in EngineCatalog.Variants)
        {
            foreach (var p in new[] { 21, 25, 26 })
                data.Add(v.Name, p);
        }
        return data;
    }

    private static readonly SCVal K = new SCVal.Symbol(new XdrString("k"u8.ToArray()));

    private static LedgerKey Key(Stellar.Xdr.Hash id, uint type) =>
        type == Instance ? ContractLedger.InstanceKey(id) : ContractLedger.DataKey(id, K, type == Temporary ? ContractDataDurability.Temporary : ContractDataDurability.Persistent);

    private static HostLedgerChange ChangeOf(HostInvocationResult r, LedgerKey key) =>
        Assert.Single(r.LedgerChanges, c => c.Key.ToXdr().AsSpan().SequenceEqual(key.ToXdr()));

    [Theory]
    [MemberData(nameof(Runs))]
    public void DataIsWrittenReadAndDeletedInEachStorageType(string variant, int protocol)
    {
        var v = EngineCatalog.GetVariant(variant);
        foreach (var type in new[] { Temporary, Persistent, Instance })
        {
            var ledger = new ContractLedger(protocol);
            var id = ledger.Deploy("ledger");
            var key = Key(id, type);
            var put = ledger.Invoke(v, id, "put", [new SCVal.U32(type), new SCVal.U32(77)], readWrite: [key]);
            Assert.Null(put.Error);
            var change = ChangeOf(put, key);
            Assert.False(change.ReadOnly);
            var entry = Assert.IsType<LedgerEntryData.ContractData>(change.NewValue!.Data).Value;
            if (type == Instance)
            {
                var instance = Assert.IsType<SCVal.ContractInstance>(entry.Val).Value;
                var item = Assert.Single(instance.Storage!);
                AssertSame(K, item.Key);
                AssertSame(new SCVal.U32(77), item.Val);
                // The instance keeps its TTL.
                Assert.Equal(ledger.Sequence + 50_000, change.Ttl!.NewLiveUntil);
            }
            else
            {
                AssertSame(new SCVal.U32(77), entry.Val);
                // A new entry lives for the minimum TTL of its durability (counting the current ledger).
                Assert.Equal(type == Temporary ? 1000u + 16 - 1 : 1000u + 4096 - 1, change.Ttl!.NewLiveUntil);
                Assert.Equal(0u, change.Ttl.OldLiveUntil);
            }
            // Read-only entries are reported unchanged.
            Assert.All(put.LedgerChanges.Where(c => c.ReadOnly), c => Assert.Null(c.NewValue));

            var get = ledger.Invoke(v, id, "get", [new SCVal.U32(type)], readOnly: type == Instance ? null : [key]);
            Assert.Null(get.Error);
            AssertSame(new SCVal.U32(77), get.ReturnValue);
            AssertSame(new SCVal.Bool(true), ledger.Invoke(v, id, "has", [new SCVal.U32(type)], readOnly: type == Instance ? null : [key]).ReturnValue);

            var del = ledger.Invoke(v, id, "del", [new SCVal.U32(type)], readWrite: [key]);
            Assert.Null(del.Error);
            if (type == Instance)
                Assert.Empty(Assert.IsType<SCVal.ContractInstance>(((LedgerEntryData.ContractData)ChangeOf(del, key).NewValue!.Data).Value.Val).Value.Storage!);
            else
                Assert.Null(ChangeOf(del, key).NewValue);
            AssertSame(new SCVal.Bool(false), ledger.Invoke(v, id, "has", [new SCVal.U32(type)], readOnly: type == Instance ? null : [key]).ReturnValue);
        }
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void FootprintIsEnforced(string variant, int protocol)
    {
        var v = EngineCatalog.GetVariant(variant);
        var ledger = new ContractLedger(protocol);
        var id = ledger.Deploy("ledger");
        var key = Key(id, Persistent);
        // Outside the footprint: (Storage, ExceededLimit), for reads and writes.
        AssertError(ledger.Invoke(v, id, "get", [new SCVal.U32(Persistent)]), SCErrorType.Storage, SCErrorCode.ExceededLimit);
        AssertError(ledger.Invoke(v, id, "has", [new SCVal.U32(Persistent)]), SCErrorType.Storage, SCErrorCode.ExceededLimit);
        // Writing a read-only key: (Storage, ExceededLimit).
        AssertError(ledger.Invoke(v, id, "put", [new SCVal.U32(Persistent), new SCVal.U32(1)], readOnly: [key]), SCErrorType.Storage, SCErrorCode.ExceededLimit);
        // Instance storage needs the instance read-write to be written.
        AssertError(ledger.Invoke(v, id, "put", [new SCVal.U32(Instance), new SCVal.U32(1)]), SCErrorType.Storage, SCErrorCode.ExceededLimit);
        // A missing value: (Storage, MissingValue).
        AssertError(ledger.Invoke(v, id, "get", [new SCVal.U32(Persistent)], readOnly: [key]), SCErrorType.Storage, SCErrorCode.MissingValue);
        // Extending a missing entry: (Storage, MissingValue).
        AssertError(ledger.Invoke(v, id, "extend", [new SCVal.U32(Persistent), new SCVal.U32(10), new SCVal.U32(20)], readOnly: [key]),
            SCErrorType.Storage, SCErrorCode.MissingValue);
        // A failed invocation changes nothing.
        Assert.False(ledger.TryGet(key, out _, out _));
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void ContractDataTtlExtends(string variant, int protocol)
    {
        var v = EngineCatalog.GetVariant(variant);
        var ledger = new ContractLedger(protocol);
        var id = ledger.Deploy("ledger");
        var key = Key(id, Persistent);
        Assert.Null(ledger.Invoke(v, id, "put", [new SCVal.U32(Persistent), new SCVal.U32(1)], readWrite: [key]).Error);
        // TTL now 4095 (live until 5095). Threshold 100 < 4095: nothing happens.
        var none = ledger.Invoke(v, id, "extend", [new SCVal.U32(Persistent), new SCVal.U32(100), new SCVal.U32(6000)], readOnly: [key]);
        Assert.Null(none.Error);
        Assert.Equal(5095u, ChangeOf(none, key).Ttl!.NewLiveUntil);
        // Threshold 5000 >= 4095: extended to live until 1000 + 6000, even from a read-only footprint.
        var ext = ledger.Invoke(v, id, "extend", [new SCVal.U32(Persistent), new SCVal.U32(5000), new SCVal.U32(6000)], readOnly: [key]);
        Assert.Null(ext.Error);
        var change = ChangeOf(ext, key);
        Assert.True(change.ReadOnly);
        Assert.Null(change.NewValue);
        Assert.Equal(5095u, change.Ttl!.OldLiveUntil);
        Assert.Equal(7000u, change.Ttl.NewLiveUntil);
        // Past the network maximum (live until 1000 + 100000 - 1): a persistent entry is clamped.
        var clamped = ledger.Invoke(v, id, "extend", [new SCVal.U32(Persistent), new SCVal.U32(200_000), new SCVal.U32(200_000)], readOnly: [key]);
        Assert.Null(clamped.Error);
        Assert.Equal(100_999u, ChangeOf(clamped, key).Ttl!.NewLiveUntil);
        // threshold > extend_to: (Storage, InvalidInput).
        AssertError(ledger.Invoke(v, id, "extend", [new SCVal.U32(Persistent), new SCVal.U32(20), new SCVal.U32(10)], readOnly: [key]),
            SCErrorType.Storage, SCErrorCode.InvalidInput);
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void TemporaryEntriesCannotOutliveTheNetworkMaximum(string variant, int protocol)
    {
        var v = EngineCatalog.GetVariant(variant);
        var ledger = new ContractLedger(protocol);
        var id = ledger.Deploy("ledger");
        var key = Key(id, Temporary);
        Assert.Null(ledger.Invoke(v, id, "put", [new SCVal.U32(Temporary), new SCVal.U32(1)], readWrite: [key]).Error);
        var r = ledger.Invoke(v, id, "extend", [new SCVal.U32(Temporary), new SCVal.U32(200_000), new SCVal.U32(200_000)], readOnly: [key]);
        // (Storage, InvalidAction) under both the pre-26 rule (new live-until past the maximum)
        // and the protocol 26 one (extend_to past the maximum TTL).
        AssertError(r, SCErrorType.Storage, SCErrorCode.InvalidAction);
        var ok = ledger.Invoke(v, id, "extend", [new SCVal.U32(Temporary), new SCVal.U32(99_999), new SCVal.U32(99_999)], readOnly: [key]);
        Assert.Null(ok.Error);
        Assert.Equal(100_999u, ChangeOf(ok, key).Ttl!.NewLiveUntil);
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void InstanceAndCodeTtlsExtend(string variant, int protocol)
    {
        var v = EngineCatalog.GetVariant(variant);
        var ledger = new ContractLedger(protocol);
        var id = ledger.Deploy("ledger");
        var other = ledger.Deploy("smoke");
        var codeKey = (LedgerKey key) => key;
        var instanceLive = ledger.Sequence + 50_000;
        // Own instance and code: threshold above the current TTL (50000), extend to 60000.
        var self = ledger.Invoke(v, id, "extend_self", [new SCVal.U32(60_000), new SCVal.U32(60_000)]);
        Assert.Null(self.Error);
        Assert.Equal(61_000u, ChangeOf(self, ContractLedger.InstanceKey(id)).Ttl!.NewLiveUntil);
        Assert.Equal(2, self.LedgerChanges.Count(c => c.Ttl is { NewLiveUntil: 61_000 }));
        var address = new SCVal.Address(new SCAddress.Contract(other));
        var instanceOnly = ledger.Invoke(v, id, "extend_instance", [address, new SCVal.U32(70_000), new SCVal.U32(70_000)]);
        Assert.Null(instanceOnly.Error);
        Assert.Equal(71_000u, ChangeOf(instanceOnly, ContractLedger.InstanceKey(other)).Ttl!.NewLiveUntil);
        Assert.Equal(1, instanceOnly.LedgerChanges.Count(c => c.Ttl is { NewLiveUntil: 71_000 }));
        var codeOnly = ledger.Invoke(v, id, "extend_code", [address, new SCVal.U32(70_000), new SCVal.U32(70_000)]);
        Assert.Null(codeOnly.Error);
        var code = Assert.Single(codeOnly.LedgerChanges, c => c.Key is LedgerKey.ContractCode && c.Ttl is { NewLiveUntil: 71_000 });
        Assert.Equal(instanceLive, code.Ttl!.OldLiveUntil);
        var both = ledger.Invoke(v, id, "extend_other", [address, new SCVal.U32(80_000), new SCVal.U32(80_000)]);
        Assert.Null(both.Error);
        Assert.Equal(2, both.LedgerChanges.Count(c => c.Ttl is { NewLiveUntil: 81_000 }));
        _ = codeKey;
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void ExtensionsV2HonourMinimumAndMaximum(string variant, int protocol)
    {
        if (protocol < 26)
            return;
        var v = EngineCatalog.GetVariant(variant);
        var ledger = new ContractLedger(protocol);
        var id = ledger.Deploy("ledger");
        var v2 = ledger.Deploy("ledger26");
        var key = Key(v2, Persistent);
        _ = id;
        // ledger26 has no put: write the entry directly (live until 5095: TTL 4095).
        ledger.Put(ContractLedger.DataEntry(v2, K, ContractDataDurability.Persistent, new SCVal.U32(5)), 5095);
        // extend_to 6000: extension 1905, capped at max_extension 1000 -> live until 6095.
        var r = ledger.Invoke(v, v2, "extend_v2", [new SCVal.U32(Persistent), new SCVal.U32(6000), new SCVal.U32(500), new SCVal.U32(1000)], readOnly: [key]);
        Assert.Null(r.Error);
        Assert.Equal(6095u, ChangeOf(r, key).Ttl!.NewLiveUntil);
        // An extension below min_extension does nothing: TTL 5095, extend_to 5200 gives 105 < 500.
        var none = ledger.Invoke(v, v2, "extend_v2", [new SCVal.U32(Persistent), new SCVal.U32(5200), new SCVal.U32(500), new SCVal.U32(1000)], readOnly: [key]);
        Assert.Null(none.Error);
        Assert.Equal(6095u, ChangeOf(none, key).Ttl!.NewLiveUntil);
        // max_extension below min_extension: (Storage, InvalidInput).
        AssertError(ledger.Invoke(v, v2, "extend_v2", [new SCVal.U32(Persistent), new SCVal.U32(9000), new SCVal.U32(500), new SCVal.U32(100)], readOnly: [key]),
            SCErrorType.Storage, SCErrorCode.InvalidInput);
        // Scope 1 (instance only) and 2 (code only).
        var address = new SCVal.Address(new SCAddress.Contract(v2));
        var instanceOnly = ledger.Invoke(v, v2, "extend_scope_v2", [address, new SCVal.U32(1), new SCVal.U32(60_000), new SCVal.U32(0), new SCVal.U32(100_000)]);
        Assert.Null(instanceOnly.Error);
        Assert.Equal(61_000u, ChangeOf(instanceOnly, ContractLedger.InstanceKey(v2)).Ttl!.NewLiveUntil);
        Assert.Equal(1, instanceOnly.LedgerChanges.Count(c => c.Ttl is { NewLiveUntil: 61_000 }));
        var codeOnly = ledger.Invoke(v, v2, "extend_scope_v2", [address, new SCVal.U32(2), new SCVal.U32(60_000), new SCVal.U32(0), new SCVal.U32(100_000)]);
        Assert.Null(codeOnly.Error);
        Assert.Single(codeOnly.LedgerChanges, c => c.Key is LedgerKey.ContractCode && c.Ttl is { NewLiveUntil: 61_000 });
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void ManyWritesInOneCall(string variant, int protocol)
    {
        var v = EngineCatalog.GetVariant(variant);
        var ledger = new ContractLedger(protocol);
        var id = ledger.Deploy("ledger");
        LedgerKey Sym(string s, ContractDataDurability d) => ContractLedger.DataKey(id, new SCVal.Symbol(new XdrString(System.Text.Encoding.ASCII.GetBytes(s))), d);
        var r = ledger.Invoke(v, id, "roundtrip", readWrite:
            [Sym("t", ContractDataDurability.Temporary), Sym("t", ContractDataDurability.Persistent), Sym("p", ContractDataDurability.Persistent), ContractLedger.InstanceKey(id)]);
        Assert.Null(r.Error);
        Assert.Null(ChangeOf(r, Sym("t", ContractDataDurability.Temporary)).NewValue);
        AssertSame(new SCVal.U32(20), ((LedgerEntryData.ContractData)ChangeOf(r, Sym("p", ContractDataDurability.Persistent)).NewValue!.Data).Value.Val);
        Assert.Null(ChangeOf(r, Sym("t", ContractDataDurability.Persistent)).NewValue);
    }

    private static void AssertSame(SCVal expected, SCVal? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.ToXdr(), actual.ToXdr());
    }

    private static void AssertError(HostInvocationResult r, SCErrorType type, SCErrorCode code)
    {
        Assert.NotNull(r.Error);
        Assert.Equal((type, code), (r.Error.Type, r.Error.Code));
        Assert.Empty(r.LedgerChanges);
    }
}
