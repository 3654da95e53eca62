using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Replay.Stellar.Json;
using Replay.Stellar.Xdr;

namespace Replay.History.Cases;

/// <summary>
/// The readable form of a <see cref="ReplayCase"/>: one JSON object with snake_case keys, XDR
/// parts in the Stellar CLI's JSON, hashes as hex and 64-bit integers as decimal strings (as the
/// CLI writes them). Reading is strict: every key is required, unknown keys and other versions
/// are refused.
/// </summary>
public static class CaseJson
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string ToJson(ReplayCase c)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Indented))
            Write(writer, c);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static void Write(Utf8JsonWriter j, ReplayCase c)
    {
        ArgumentNullException.ThrowIfNull(j);
        ArgumentNullException.ThrowIfNull(c);
        j.WriteStartObject();
        j.WriteNumber("version", ReplayCase.FormatVersion);

        j.WriteStartObject("id");
        WriteHash(j, "network_id", c.Id.NetworkId);
        j.WriteNumber("ledger", c.Id.Ledger);
        j.WriteNumber("transaction_index", c.Id.TransactionIndex);
        j.WriteNumber("operation_index", c.Id.OperationIndex);
        WriteHash(j, "transaction_hash", c.Id.TransactionHash);
        j.WriteEndObject();

        j.WriteStartObject("provenance");
        j.WriteString("source", c.Provenance.Source);
        j.WriteString("object", c.Provenance.Object);
        j.WriteNumber("offset", c.Provenance.Offset);
        j.WriteString("network", c.Provenance.Network);
        j.WriteString("state", c.Provenance.State);
        j.WriteString("settings", c.Provenance.Settings);
        j.WriteEndObject();

        var li = c.LedgerInfo;
        j.WriteStartObject("ledger_info");
        j.WriteNumber("protocol_version", li.ProtocolVersion);
        j.WriteNumber("sequence_number", li.SequenceNumber);
        j.WritePropertyName("timestamp");
        XdrJson.WriteInteger(j, li.Timestamp);
        WriteHash(j, "network_id", li.NetworkId);
        j.WriteNumber("base_reserve", li.BaseReserve);
        j.WriteNumber("memory_limit", li.MemoryLimit);
        j.WriteNumber("min_temp_entry_ttl", li.MinTemporaryEntryTtl);
        j.WriteNumber("min_persistent_entry_ttl", li.MinPersistentEntryTtl);
        j.WriteNumber("max_entry_ttl", li.MaxEntryTtl);
        WriteArray(j, "cpu_cost_params", li.CpuCostParams);
        WriteArray(j, "mem_cost_params", li.MemCostParams);
        j.WriteEndObject();

        var s = c.Settings;
        j.WriteStartObject("settings");
        j.WriteNumber("contract_max_size_bytes", s.ContractMaxSizeBytes);
        j.WriteNumber("contract_data_key_size_bytes", s.ContractDataKeySizeBytes);
        j.WriteNumber("contract_data_entry_size_bytes", s.ContractDataEntrySizeBytes);
        WriteValue(j, "contract_compute_v0", s.Compute);
        WriteValue(j, "contract_ledger_cost_v0", s.LedgerCost);
        WriteValue(j, "contract_ledger_cost_ext_v0", s.LedgerCostExt);
        WriteValue(j, "contract_historical_data_v0", s.HistoricalData);
        WriteValue(j, "contract_events_v0", s.Events);
        WriteValue(j, "contract_bandwidth_v0", s.Bandwidth);
        WriteValue(j, "state_archival", s.StateArchival);
        j.WritePropertyName("live_soroban_state_size_window");
        if (s.StateSizeWindow is { } window)
        {
            j.WriteStartArray();
            foreach (var size in window)
                XdrJson.WriteInteger(j, size);
            j.WriteEndArray();
        }
        else
        {
            j.WriteNullValue();
        }
        j.WriteEndObject();

        WriteValue(j, "host_function", c.HostFunction);
        WriteValue(j, "resources", c.Resources);
        j.WriteStartArray("archived_entry_indices");
        foreach (var index in c.ArchivedEntryIndices)
            j.WriteNumberValue(index);
        j.WriteEndArray();
        j.WritePropertyName("resource_fee");
        XdrJson.WriteInteger(j, c.ResourceFee);
        j.WriteNumber("transaction_size_bytes", c.TransactionSizeBytes);
        WriteValue(j, "source_account", c.SourceAccount);
        WriteArray(j, "auth", c.Auth);

        j.WriteStartArray("footprint");
        foreach (var fe in c.Footprint)
        {
            j.WriteStartObject();
            WriteValue(j, "key", fe.Key);
            j.WriteBoolean("read_only", fe.ReadOnly);
            j.WriteString("state", StateName(fe.State));
            WriteValue(j, "entry", fe.Entry);
            if (fe.LiveUntilLedger is { } liveUntil)
                j.WriteNumber("live_until_ledger", liveUntil);
            else
                j.WriteNull("live_until_ledger");
            j.WriteEndObject();
        }
        j.WriteEndArray();

        WriteHash(j, "prng_seed", c.PrngSeed);

        var r = c.Recorded;
        j.WriteStartObject("recorded");
        j.WritePropertyName("transaction_result");
        XdrEnum.WriteJson(j, r.TransactionResult);
        j.WritePropertyName("operation_result");
        XdrEnum.WriteJson(j, r.OperationResult);
        if (r.SuccessHash is { } successHash)
            WriteHash(j, "success_hash", successHash);
        else
            j.WriteNull("success_hash");
        WriteValue(j, "return_value", r.ReturnValue);
        WriteArray(j, "contract_events", r.ContractEvents);
        WriteArray(j, "diagnostic_events", r.DiagnosticEvents);
        WriteOptionalInteger(j, "cpu_insn", r.CpuInstructions);
        WriteOptionalInteger(j, "mem_byte", r.MemoryBytes);
        WriteArray(j, "ledger_changes", r.LedgerChanges);
        j.WriteStartObject("fees");
        j.WritePropertyName("fee_charged");
        XdrJson.WriteInteger(j, r.Fees.FeeCharged);
        WriteOptionalInteger(j, "initial_fee_charged", r.Fees.InitialFeeCharged);
        WriteOptionalInteger(j, "non_refundable_resource_fee_charged", r.Fees.NonRefundableResourceFeeCharged);
        WriteOptionalInteger(j, "refundable_resource_fee_charged", r.Fees.RefundableResourceFeeCharged);
        WriteOptionalInteger(j, "rent_fee_charged", r.Fees.RentFeeCharged);
        j.WriteEndObject();
        j.WriteEndObject();

        j.WriteEndObject();
    }

    /// <summary>Parses the JSON form; <see cref="CaseFormatException"/> names the key that is wrong.</summary>
    public static ReplayCase FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var doc = JsonDocument.Parse(json);
            return Read(doc.RootElement);
        }
        catch (JsonException e)
        {
            throw new CaseFormatException($"replay case JSON is not valid JSON: {e.Message}", e);
        }
        catch (XdrJsonException e)
        {
            throw new CaseFormatException($"replay case JSON: {e.Message}", e);
        }
    }

    public static ReplayCase Read(JsonElement e)
    {
        var root = new Obj(e, "", RootKeys);
        var version = root.Get("version", XdrJson.ReadUInt32);
        if (version != ReplayCase.FormatVersion)
            throw new CaseFormatException(ReplayCase.VersionMismatch(version));

        var id = root.Object("id", ["network_id", "ledger", "transaction_index", "operation_index", "transaction_hash"]);
        var provenance = root.Object("provenance", ["source", "object", "offset", "network", "state", "settings"]);
        var li = root.Object("ledger_info", ["protocol_version", "sequence_number", "timestamp", "network_id", "base_reserve", "memory_limit",
            "min_temp_entry_ttl", "min_persistent_entry_ttl", "max_entry_ttl", "cpu_cost_params", "mem_cost_params"]);
        var s = root.Object("settings", ["contract_max_size_bytes", "contract_data_key_size_bytes", "contract_data_entry_size_bytes",
            "contract_compute_v0", "contract_ledger_cost_v0", "contract_ledger_cost_ext_v0", "contract_historical_data_v0", "contract_events_v0",
            "contract_bandwidth_v0", "state_archival", "live_soroban_state_size_window"]);
        var rec = root.Object("recorded", ["transaction_result", "operation_result", "success_hash", "return_value", "contract_events",
            "diagnostic_events", "cpu_insn", "mem_byte", "ledger_changes", "fees"]);
        var fees = rec.Object("fees", ["fee_charged", "initial_fee_charged", "non_refundable_resource_fee_charged", "refundable_resource_fee_charged", "rent_fee_charged"]);

        return new ReplayCase
        {
            Id = new CaseId(id.Get("network_id", ReadHash), id.Get("ledger", XdrJson.ReadUInt32), id.Get("transaction_index", ReadIndex),
                id.Get("operation_index", ReadIndex), id.Get("transaction_hash", ReadHash)),
            Provenance = new CaseProvenance
            {
                Source = provenance.Get("source", XdrJson.ReadString),
                Object = provenance.Get("object", XdrJson.ReadString),
                Offset = provenance.Get("offset", ReadNumber64),
                Network = provenance.Get("network", XdrJson.ReadString),
                State = provenance.Get("state", XdrJson.ReadString),
                Settings = provenance.Get("settings", XdrJson.ReadString),
            },
            LedgerInfo = new HostLedgerInfo
            {
                ProtocolVersion = li.Get("protocol_version", XdrJson.ReadUInt32),
                SequenceNumber = li.Get("sequence_number", XdrJson.ReadUInt32),
                Timestamp = li.Get("timestamp", XdrJson.ReadUInt64),
                NetworkId = li.Get("network_id", ReadHash),
                BaseReserve = li.Get("base_reserve", XdrJson.ReadUInt32),
                MemoryLimit = li.Get("memory_limit", XdrJson.ReadUInt32),
                MinTemporaryEntryTtl = li.Get("min_temp_entry_ttl", XdrJson.ReadUInt32),
                MinPersistentEntryTtl = li.Get("min_persistent_entry_ttl", XdrJson.ReadUInt32),
                MaxEntryTtl = li.Get("max_entry_ttl", XdrJson.ReadUInt32),
                CpuCostParams = li.Get("cpu_cost_params", ReadArray<ContractCostParamEntry>),
                MemCostParams = li.Get("mem_cost_params", ReadArray<ContractCostParamEntry>),
            },
            Settings = new NetworkSettings
            {
                ContractMaxSizeBytes = s.Get("contract_max_size_bytes", XdrJson.ReadUInt32),
                ContractDataKeySizeBytes = s.Get("contract_data_key_size_bytes", XdrJson.ReadUInt32),
                ContractDataEntrySizeBytes = s.Get("contract_data_entry_size_bytes", XdrJson.ReadUInt32),
                Compute = s.Get("contract_compute_v0", ConfigSettingContractComputeV0.ReadJson),
                LedgerCost = s.Get("contract_ledger_cost_v0", ConfigSettingContractLedgerCostV0.ReadJson),
                LedgerCostExt = s.Get("contract_ledger_cost_ext_v0", ReadNullable<ConfigSettingContractLedgerCostExtV0>),
                HistoricalData = s.Get("contract_historical_data_v0", ConfigSettingContractHistoricalDataV0.ReadJson),
                Events = s.Get("contract_events_v0", ConfigSettingContractEventsV0.ReadJson),
                Bandwidth = s.Get("contract_bandwidth_v0", ConfigSettingContractBandwidthV0.ReadJson),
                StateArchival = s.Get("state_archival", StateArchivalSettings.ReadJson),
                StateSizeWindow = s.Get("live_soroban_state_size_window", static v =>
                    v.ValueKind == JsonValueKind.Null ? null : v.EnumerateArray().Select(XdrJson.ReadUInt64).ToArray()),
            },
            HostFunction = root.Get("host_function", HostFunction.ReadJson),
            Resources = root.Get("resources", SorobanResources.ReadJson),
            ArchivedEntryIndices = root.Get("archived_entry_indices", static v => ExpectArray(v).Select(XdrJson.ReadUInt32).ToArray()),
            ResourceFee = root.Get("resource_fee", XdrJson.ReadInt64),
            TransactionSizeBytes = root.Get("transaction_size_bytes", XdrJson.ReadUInt32),
            SourceAccount = root.Get("source_account", PublicKey.ReadJson),
            Auth = root.Get("auth", ReadArray<SorobanAuthorizationEntry>),
            Footprint = root.Get("footprint", ReadFootprint),
            PrngSeed = root.Get("prng_seed", ReadHash),
            Recorded = new RecordedOutcome
            {
                TransactionResult = rec.Get("transaction_result", XdrEnum.ReadJsonTransactionResultCode),
                OperationResult = rec.Get("operation_result", XdrEnum.ReadJsonInvokeHostFunctionResultCode),
                SuccessHash = rec.Get("success_hash", static v => v.ValueKind == JsonValueKind.Null ? (Hash?)null : ReadHash(v)),
                ReturnValue = rec.Get("return_value", ReadNullable<SCVal>),
                ContractEvents = rec.Get("contract_events", ReadArray<ContractEvent>),
                DiagnosticEvents = rec.Get("diagnostic_events", ReadArray<DiagnosticEvent>),
                CpuInstructions = rec.Get("cpu_insn", static v => v.ValueKind == JsonValueKind.Null ? (ulong?)null : XdrJson.ReadUInt64(v)),
                MemoryBytes = rec.Get("mem_byte", static v => v.ValueKind == JsonValueKind.Null ? (ulong?)null : XdrJson.ReadUInt64(v)),
                LedgerChanges = rec.Get("ledger_changes", ReadArray<LedgerEntryChange>),
                Fees = new RecordedFees
                {
                    FeeCharged = fees.Get("fee_charged", XdrJson.ReadInt64),
                    InitialFeeCharged = fees.Get("initial_fee_charged", ReadOptionalInt64),
                    NonRefundableResourceFeeCharged = fees.Get("non_refundable_resource_fee_charged", ReadOptionalInt64),
                    RefundableResourceFeeCharged = fees.Get("refundable_resource_fee_charged", ReadOptionalInt64),
                    RentFeeCharged = fees.Get("rent_fee_charged", ReadOptionalInt64),
                },
            },
        };
    }

    private static readonly string[] RootKeys =
    [
        "version", "id", "provenance", "ledger_info", "settings", "host_function", "resources", "archived_entry_indices",
        "resource_fee", "transaction_size_bytes", "source_account", "auth", "footprint", "prng_seed", "recorded",
    ];

    private static FootprintEntry[] ReadFootprint(JsonElement v) =>
        ExpectArray(v).Select(item =>
        {
            var o = new Obj(item, "footprint", ["key", "read_only", "state", "entry", "live_until_ledger"]);
            return new FootprintEntry
            {
                Key = o.Get("key", LedgerKey.ReadJson),
                ReadOnly = o.Get("read_only", XdrJson.ReadBool),
                State = o.Get("state", ParseState),
                Entry = o.Get("entry", ReadNullable<LedgerEntry>),
                LiveUntilLedger = o.Get("live_until_ledger", static x => x.ValueKind == JsonValueKind.Null ? (uint?)null : XdrJson.ReadUInt32(x)),
            };
        }).ToArray();

    /// <summary>The JSON name of a footprint state: snake_case of the enum member.</summary>
    public static string StateName(FootprintEntryState state) => state switch
    {
        FootprintEntryState.Live => "live",
        FootprintEntryState.Absent => "absent",
        FootprintEntryState.ExpiredTemporary => "expired_temporary",
        FootprintEntryState.Archived => "archived",
        FootprintEntryState.Evicted => "evicted",
        FootprintEntryState.RestoredEarlierInLedger => "restored_earlier_in_ledger",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    private static FootprintEntryState ParseState(JsonElement v)
    {
        var name = XdrJson.ReadString(v);
        foreach (var state in Enum.GetValues<FootprintEntryState>())
        {
            if (string.Equals(StateName(state), name, StringComparison.Ordinal))
                return state;
        }
        throw new XdrJsonException($"'{name}' is not a footprint entry state");
    }

    private static void WriteHash(Utf8JsonWriter j, string name, Hash hash)
    {
        j.WritePropertyName(name);
        XdrJson.WriteHex(j, hash.ToArray());
    }

    private static Hash ReadHash(JsonElement v) => Hash.FromBytes(XdrJson.ReadHexFixed(v, Hash.Length));

    private static int ReadIndex(JsonElement v) =>
        v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) && i >= 0 ? i : throw new XdrJsonException($"expected an index, found {v.GetRawText()}");

    private static long ReadNumber64(JsonElement v) =>
        v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var i) ? i : throw new XdrJsonException($"expected a number, found {v.GetRawText()}");

    private static long? ReadOptionalInt64(JsonElement v) => v.ValueKind == JsonValueKind.Null ? null : XdrJson.ReadInt64(v);

    private static void WriteOptionalInteger(Utf8JsonWriter j, string name, ulong? value)
    {
        j.WritePropertyName(name);
        if (value is { } v)
            XdrJson.WriteInteger(j, v);
        else
            j.WriteNullValue();
    }

    private static void WriteOptionalInteger(Utf8JsonWriter j, string name, long? value)
    {
        j.WritePropertyName(name);
        if (value is { } v)
            XdrJson.WriteInteger(j, v);
        else
            j.WriteNullValue();
    }

    private static void WriteValue<T>(Utf8JsonWriter j, string name, T? value) where T : class, IXdrJson<T>
    {
        j.WritePropertyName(name);
        if (value is null)
            j.WriteNullValue();
        else
            value.WriteJson(j);
    }

    private static void WriteValue(Utf8JsonWriter j, string name, PublicKey value)
    {
        j.WritePropertyName(name);
        value.WriteJson(j);
    }

    private static void WriteArray<T>(Utf8JsonWriter j, string name, T[] items) where T : IXdrJson<T>
    {
        j.WriteStartArray(name);
        foreach (var item in items)
            item.WriteJson(j);
        j.WriteEndArray();
    }

    private static T[] ReadArray<T>(JsonElement v) where T : IXdrJson<T> => ExpectArray(v).Select(T.ReadJson).ToArray();

    private static T? ReadNullable<T>(JsonElement v) where T : class, IXdrJson<T> => v.ValueKind == JsonValueKind.Null ? null : T.ReadJson(v);

    private static JsonElement.ArrayEnumerator ExpectArray(JsonElement v) =>
        v.ValueKind == JsonValueKind.Array ? v.EnumerateArray() : throw new XdrJsonException($"expected an array, found {v.ValueKind}");

    /// <summary>A JSON object whose keys must be exactly the expected ones; errors name the key's path.</summary>
    private readonly struct Obj
    {
        private readonly JsonElement _e;
        private readonly string _path;

        public Obj(JsonElement e, string path, string[] keys)
        {
            _path = path;
            _e = e;
            if (e.ValueKind != JsonValueKind.Object)
                throw new CaseFormatException($"replay case JSON: {Where(path)} must be an object");
            foreach (var p in e.EnumerateObject())
            {
                if (Array.IndexOf(keys, p.Name) < 0)
                    throw new CaseFormatException($"replay case JSON: {Where(path)} has unknown key '{p.Name}'");
            }
            foreach (var key in keys)
            {
                if (!e.TryGetProperty(key, out _))
                    throw new CaseFormatException($"replay case JSON: {Where(path)} lacks key '{key}'");
            }
        }

        public T Get<T>(string key, Func<JsonElement, T> read)
        {
            try
            {
                return read(_e.GetProperty(key));
            }
            catch (XdrJsonException x)
            {
                throw new CaseFormatException($"replay case JSON: {Join(_path, key)}: {x.Message}", x);
            }
            catch (Exception x) when (x is FormatException or ArgumentException or InvalidOperationException)
            {
                throw new CaseFormatException($"replay case JSON: {Join(_path, key)}: {x.Message}", x);
            }
        }

        public Obj Object(string key, string[] keys) => new(_e.GetProperty(key), Join(_path, key), keys);

        private static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

        private static string Where(string path) => path.Length == 0 ? "the top level" : $"'{path}'";
    }
}
