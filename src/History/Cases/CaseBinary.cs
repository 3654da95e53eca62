using System.Buffers;
using Replay.Stellar.Xdr;

namespace Replay.History.Cases;

/// <summary>
/// The compact form of a <see cref="ReplayCase"/>: the magic "RPLC", the format version, then
/// every field in declaration order in XDR (big-endian integers, optionals as a presence bool,
/// arrays and strings length-prefixed, XDR values in their own encoding). A reader refuses any
/// version but its own, so a stored case is never misread.
/// </summary>
public static class CaseBinary
{
    /// <summary>"RPLC" in ASCII.</summary>
    public const uint Magic = 0x52504C43;

    private const uint MaxText = 64 * 1024;

    public static byte[] Encode(ReplayCase c)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        Encode(c, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static void Encode(ReplayCase c, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(c);
        var w = new XdrWriter(output);
        w.WriteUInt32(Magic);
        w.WriteUInt32(ReplayCase.FormatVersion);

        c.Id.NetworkId.Encode(ref w);
        w.WriteUInt32(c.Id.Ledger);
        w.WriteInt32(c.Id.TransactionIndex);
        w.WriteInt32(c.Id.OperationIndex);
        c.Id.TransactionHash.Encode(ref w);

        var p = c.Provenance;
        WriteText(ref w, p.Source);
        WriteText(ref w, p.Object);
        w.WriteInt64(p.Offset);
        WriteText(ref w, p.Network);
        WriteText(ref w, p.State);
        WriteText(ref w, p.Settings);

        var li = c.LedgerInfo;
        w.WriteUInt32(li.ProtocolVersion);
        w.WriteUInt32(li.SequenceNumber);
        w.WriteUInt64(li.Timestamp);
        li.NetworkId.Encode(ref w);
        w.WriteUInt32(li.BaseReserve);
        w.WriteUInt32(li.MemoryLimit);
        w.WriteUInt32(li.MinTemporaryEntryTtl);
        w.WriteUInt32(li.MinPersistentEntryTtl);
        w.WriteUInt32(li.MaxEntryTtl);
        WriteArray(ref w, li.CpuCostParams);
        WriteArray(ref w, li.MemCostParams);

        var s = c.Settings;
        w.WriteUInt32(s.ContractMaxSizeBytes);
        w.WriteUInt32(s.ContractDataKeySizeBytes);
        w.WriteUInt32(s.ContractDataEntrySizeBytes);
        s.Compute.Encode(ref w);
        s.LedgerCost.Encode(ref w);
        WriteOptional(ref w, s.LedgerCostExt);
        s.HistoricalData.Encode(ref w);
        s.Events.Encode(ref w);
        s.Bandwidth.Encode(ref w);
        s.StateArchival.Encode(ref w);
        w.WriteBool(s.StateSizeWindow is not null);
        if (s.StateSizeWindow is { } window)
        {
            w.WriteCount(window.Length, XdrLimits.Unbounded);
            foreach (var size in window)
                w.WriteUInt64(size);
        }

        c.HostFunction.Encode(ref w);
        c.Resources.Encode(ref w);
        w.WriteCount(c.ArchivedEntryIndices.Length, XdrLimits.Unbounded);
        foreach (var index in c.ArchivedEntryIndices)
            w.WriteUInt32(index);
        w.WriteInt64(c.ResourceFee);
        w.WriteUInt32(c.TransactionSizeBytes);
        c.SourceAccount.Encode(ref w);
        WriteArray(ref w, c.Auth);

        w.WriteCount(c.Footprint.Length, XdrLimits.Unbounded);
        foreach (var fe in c.Footprint)
        {
            fe.Key.Encode(ref w);
            w.WriteBool(fe.ReadOnly);
            w.WriteInt32((int)fe.State);
            WriteOptional(ref w, fe.Entry);
            WriteOptionalUInt32(ref w, fe.LiveUntilLedger);
        }

        c.PrngSeed.Encode(ref w);

        var r = c.Recorded;
        w.WriteInt32((int)r.TransactionResult);
        w.WriteInt32((int)r.OperationResult);
        w.WriteBool(r.SuccessHash is not null);
        if (r.SuccessHash is { } successHash)
            successHash.Encode(ref w);
        WriteOptional(ref w, r.ReturnValue);
        WriteArray(ref w, r.ContractEvents);
        WriteArray(ref w, r.DiagnosticEvents);
        WriteOptionalUInt64(ref w, r.CpuInstructions);
        WriteOptionalUInt64(ref w, r.MemoryBytes);
        WriteArray(ref w, r.LedgerChanges);
        w.WriteInt64(r.Fees.FeeCharged);
        WriteOptionalInt64(ref w, r.Fees.InitialFeeCharged);
        WriteOptionalInt64(ref w, r.Fees.NonRefundableResourceFeeCharged);
        WriteOptionalInt64(ref w, r.Fees.RefundableResourceFeeCharged);
        WriteOptionalInt64(ref w, r.Fees.RentFeeCharged);
        w.Flush();
    }

    /// <summary>Decodes a case; <see cref="CaseFormatException"/> names what is wrong and where.</summary>
    public static ReplayCase Decode(ReadOnlySpan<byte> data)
    {
        var r = new XdrReader(data);
        try
        {
            var magic = r.ReadUInt32();
            if (magic != Magic)
                throw new CaseFormatException($"not a replay case: starts with 0x{magic:X8}, expected \"RPLC\"");
            var version = r.ReadUInt32();
            if (version != ReplayCase.FormatVersion)
                throw new CaseFormatException(ReplayCase.VersionMismatch(version));
            var result = DecodeBody(ref r);
            r.EnsureAtEnd();
            return result;
        }
        catch (XdrException e)
        {
            throw new CaseFormatException($"malformed replay case at byte {e.Offset}: {e.Message}", e);
        }
        catch (ArgumentException e)
        {
            throw new CaseFormatException($"malformed replay case at byte {r.Position}: {e.Message}", e);
        }
    }

    private static ReplayCase DecodeBody(ref XdrReader r)
    {
        var id = new CaseId(Hash.Decode(ref r), r.ReadUInt32(), ReadIndex(ref r), ReadIndex(ref r), Hash.Decode(ref r));
        var provenance = new CaseProvenance
        {
            Source = ReadText(ref r),
            Object = ReadText(ref r),
            Offset = r.ReadInt64(),
            Network = ReadText(ref r),
            State = ReadText(ref r),
            Settings = ReadText(ref r),
        };
        var ledgerInfo = new HostLedgerInfo
        {
            ProtocolVersion = r.ReadUInt32(),
            SequenceNumber = r.ReadUInt32(),
            Timestamp = r.ReadUInt64(),
            NetworkId = Hash.Decode(ref r),
            BaseReserve = r.ReadUInt32(),
            MemoryLimit = r.ReadUInt32(),
            MinTemporaryEntryTtl = r.ReadUInt32(),
            MinPersistentEntryTtl = r.ReadUInt32(),
            MaxEntryTtl = r.ReadUInt32(),
            CpuCostParams = ReadArray<ContractCostParamEntry>(ref r),
            MemCostParams = ReadArray<ContractCostParamEntry>(ref r),
        };
        var settings = new NetworkSettings
        {
            ContractMaxSizeBytes = r.ReadUInt32(),
            ContractDataKeySizeBytes = r.ReadUInt32(),
            ContractDataEntrySizeBytes = r.ReadUInt32(),
            Compute = ConfigSettingContractComputeV0.Decode(ref r),
            LedgerCost = ConfigSettingContractLedgerCostV0.Decode(ref r),
            LedgerCostExt = ReadOptional<ConfigSettingContractLedgerCostExtV0>(ref r),
            HistoricalData = ConfigSettingContractHistoricalDataV0.Decode(ref r),
            Events = ConfigSettingContractEventsV0.Decode(ref r),
            Bandwidth = ConfigSettingContractBandwidthV0.Decode(ref r),
            StateArchival = StateArchivalSettings.Decode(ref r),
            StateSizeWindow = ReadOptionalWindow(ref r),
        };
        var hostFunction = HostFunction.Decode(ref r);
        var resources = SorobanResources.Decode(ref r);
        var indexCount = r.ReadCount(XdrLimits.Unbounded, 4);
        var indices = new uint[indexCount];
        for (var i = 0; i < indexCount; i++)
            indices[i] = r.ReadUInt32();
        var resourceFee = r.ReadInt64();
        var transactionSize = r.ReadUInt32();
        var source = PublicKey.Decode(ref r);
        var auth = ReadArray<SorobanAuthorizationEntry>(ref r);
        var footprintCount = r.ReadCount(XdrLimits.Unbounded, 16);
        var footprint = new FootprintEntry[footprintCount];
        for (var i = 0; i < footprintCount; i++)
        {
            footprint[i] = new FootprintEntry
            {
                Key = LedgerKey.Decode(ref r),
                ReadOnly = r.ReadBool(),
                State = ReadEnum<FootprintEntryState>(ref r),
                Entry = ReadOptional<LedgerEntry>(ref r),
                LiveUntilLedger = r.ReadPresent() ? r.ReadUInt32() : null,
            };
        }
        var prngSeed = Hash.Decode(ref r);
        var recorded = new RecordedOutcome
        {
            TransactionResult = ReadEnum<TransactionResultCode>(ref r),
            OperationResult = ReadEnum<InvokeHostFunctionResultCode>(ref r),
            SuccessHash = r.ReadPresent() ? Hash.Decode(ref r) : null,
            ReturnValue = ReadOptional<SCVal>(ref r),
            ContractEvents = ReadArray<ContractEvent>(ref r),
            DiagnosticEvents = ReadArray<DiagnosticEvent>(ref r),
            CpuInstructions = r.ReadPresent() ? r.ReadUInt64() : null,
            MemoryBytes = r.ReadPresent() ? r.ReadUInt64() : null,
            LedgerChanges = ReadArray<LedgerEntryChange>(ref r),
            Fees = new RecordedFees
            {
                FeeCharged = r.ReadInt64(),
                InitialFeeCharged = r.ReadPresent() ? r.ReadInt64() : null,
                NonRefundableResourceFeeCharged = r.ReadPresent() ? r.ReadInt64() : null,
                RefundableResourceFeeCharged = r.ReadPresent() ? r.ReadInt64() : null,
                RentFeeCharged = r.ReadPresent() ? r.ReadInt64() : null,
            },
        };
        return new ReplayCase
        {
            Id = id,
            Provenance = provenance,
            LedgerInfo = ledgerInfo,
            Settings = settings,
            HostFunction = hostFunction,
            Resources = resources,
            ArchivedEntryIndices = indices,
            ResourceFee = resourceFee,
            TransactionSizeBytes = transactionSize,
            SourceAccount = source,
            Auth = auth,
            Footprint = footprint,
            PrngSeed = prngSeed,
            Recorded = recorded,
        };
    }

    private static int ReadIndex(ref XdrReader r)
    {
        var value = r.ReadInt32();
        return value >= 0 ? value : throw r.Error($"negative index {value}");
    }

    private static T ReadEnum<T>(ref XdrReader r) where T : struct, Enum
    {
        var value = r.ReadInt32();
        var e = (T)Enum.ToObject(typeof(T), value);
        return Enum.IsDefined(e) ? e : throw r.Undeclared(typeof(T).Name, value);
    }

    private static ulong[]? ReadOptionalWindow(ref XdrReader r)
    {
        if (!r.ReadPresent())
            return null;
        var count = r.ReadCount(XdrLimits.Unbounded, 8);
        var window = new ulong[count];
        for (var i = 0; i < count; i++)
            window[i] = r.ReadUInt64();
        return window;
    }

    private static void WriteText(ref XdrWriter w, string text) => w.WriteString(new XdrString(text), MaxText);

    private static string ReadText(ref XdrReader r) => r.ReadString(MaxText).ToString();

    private static void WriteArray<T>(ref XdrWriter w, T[] items) where T : IXdrType<T>
    {
        w.WriteCount(items.Length, XdrLimits.Unbounded);
        foreach (var item in items)
            item.Encode(ref w);
    }

    private static T[] ReadArray<T>(ref XdrReader r) where T : IXdrType<T>
    {
        var count = r.ReadCount(XdrLimits.Unbounded, 4);
        var items = new T[count];
        for (var i = 0; i < count; i++)
            items[i] = T.Decode(ref r);
        return items;
    }

    private static void WriteOptional<T>(ref XdrWriter w, T? value) where T : class, IXdrType<T>
    {
        w.WriteBool(value is not null);
        value?.Encode(ref w);
    }

    private static T? ReadOptional<T>(ref XdrReader r) where T : class, IXdrType<T> => r.ReadPresent() ? T.Decode(ref r) : null;

    private static void WriteOptionalUInt32(ref XdrWriter w, uint? value)
    {
        w.WriteBool(value is not null);
        if (value is { } v)
            w.WriteUInt32(v);
    }

    private static void WriteOptionalUInt64(ref XdrWriter w, ulong? value)
    {
        w.WriteBool(value is not null);
        if (value is { } v)
            w.WriteUInt64(v);
    }

    private static void WriteOptionalInt64(ref XdrWriter w, long? value)
    {
        w.WriteBool(value is not null);
        if (value is { } v)
            w.WriteInt64(v);
    }
}

/// <summary>A serialized case (binary or JSON) is malformed or of another format version.</summary>
public sealed class CaseFormatException : Exception
{
    public CaseFormatException()
    {
    }

    public CaseFormatException(string message) : base(message)
    {
    }

    public CaseFormatException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
