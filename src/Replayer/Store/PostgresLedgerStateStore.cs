using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using Replay.History.State;
using Replay.Replayer.Resilience;
using Replay.Stellar.Xdr;

namespace Replay.Replayer.Store;

/// <summary>
/// Ledger state in PostgreSQL (tables state_chains, state_entries, state_hot_archive), so a
/// nightly run resumes without re-reading history. Each ledger's delta and the chain's new
/// position are written in one transaction: a ledger is in the database whole or not at all.
/// Lookups load the keys a ledger needs in one round trip.
/// </summary>
public sealed class PostgresLedgerStateStore : ILedgerStateStore
{
    private readonly NpgsqlConnection _connection;
    private readonly string _name;
    private long? _chainId;

    private PostgresLedgerStateStore(NpgsqlConnection connection, string name, long? chainId, ChainState? chain)
    {
        _connection = connection;
        _name = name;
        _chainId = chainId;
        Chain = chain;
    }

    public ChainState? Chain { get; private set; }

    public bool NeedsKeys => true;

    public static async Task<PostgresLedgerStateStore> OpenAsync(Database database, string chain, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(database);
        var connection = await database.OpenAsync(cancellation).ConfigureAwait(false);
        try
        {
            await MigrationRunner.MigrateAsync(connection, cancellation: cancellation).ConfigureAwait(false);
            await using var command = new NpgsqlCommand(
                "SELECT id, network_passphrase, last_ledger, last_header, basis, origin, settings_from_test_config, test_config_source FROM state_chains WHERE name = @name",
                connection);
            command.Parameters.AddWithValue("name", chain);
            await using var reader = await command.ExecuteReaderAsync(cancellation).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellation).ConfigureAwait(false))
                return new PostgresLedgerStateStore(connection, chain, null, null);
            var header = await reader.IsDBNullAsync(3, cancellation).ConfigureAwait(false)
                ? null
                : XdrCodec.Decode<LedgerHeader>(await reader.GetFieldValueAsync<byte[]>(3, cancellation).ConfigureAwait(false));
            var settings = await reader.GetFieldValueAsync<int[]>(6, cancellation).ConfigureAwait(false);
            var state = new ChainState
            {
                Chain = chain,
                NetworkPassphrase = reader.GetString(1),
                LastLedger = checked((uint)reader.GetInt64(2)),
                LastHeader = header,
                Basis = ParseBasis(reader.GetString(4)),
                Origin = reader.GetString(5),
                SettingsFromTestConfig = [.. settings.Select(i => (ConfigSettingID)i)],
                TestConfigSource = reader.GetString(7),
            };
            return new PostgresLedgerStateStore(connection, chain, reader.GetInt64(0), state);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask<IStateView> ViewAsync(IReadOnlyCollection<StateKey> keys, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var live = new Dictionary<StateKey, LedgerEntry?>();
        var hot = new Dictionary<StateKey, LedgerEntry>();
        if (_chainId is { } id && keys.Count > 0)
        {
            var array = keys.Select(k => k.ToArray()).ToArray();
            await using (var command = new NpgsqlCommand("SELECT key, entry FROM state_entries WHERE chain_id = @id AND key = ANY(@keys)", _connection))
            {
                command.Parameters.AddWithValue("id", id);
                command.Parameters.Add(new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = array });
                await using var reader = await command.ExecuteReaderAsync(cancellation).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellation).ConfigureAwait(false))
                {
                    var key = new StateKey(await reader.GetFieldValueAsync<byte[]>(0, cancellation).ConfigureAwait(false));
                    live[key] = await reader.IsDBNullAsync(1, cancellation).ConfigureAwait(false)
                        ? null
                        : XdrCodec.Decode<LedgerEntry>(await reader.GetFieldValueAsync<byte[]>(1, cancellation).ConfigureAwait(false));
                }
            }
            await using (var command = new NpgsqlCommand("SELECT key, entry FROM state_hot_archive WHERE chain_id = @id AND key = ANY(@keys)", _connection))
            {
                command.Parameters.AddWithValue("id", id);
                command.Parameters.Add(new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = array });
                await using var reader = await command.ExecuteReaderAsync(cancellation).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellation).ConfigureAwait(false))
                {
                    var key = new StateKey(await reader.GetFieldValueAsync<byte[]>(0, cancellation).ConfigureAwait(false));
                    hot[key] = XdrCodec.Decode<LedgerEntry>(await reader.GetFieldValueAsync<byte[]>(1, cancellation).ConfigureAwait(false));
                }
            }
        }
        return new LoadedView(live, hot, Chain?.Complete == true);
    }

    /// <summary>The rows loaded for one ledger; a key not loaded is absent for a complete state, unknown for a partial one.</summary>
    private sealed class LoadedView(Dictionary<StateKey, LedgerEntry?> live, Dictionary<StateKey, LedgerEntry> hot, bool complete) : IStateView
    {
        public bool TryGetLive(StateKey key, out LedgerEntry? entry) => live.TryGetValue(key, out entry) || complete;

        public bool TryGetHotArchive(StateKey key, out LedgerEntry? entry)
        {
            if (hot.TryGetValue(key, out var e))
            {
                entry = e;
                return true;
            }
            entry = null;
            return complete;
        }
    }

    public async ValueTask CommitAsync(LedgerDelta delta, ChainState chain, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(delta);
        ArgumentNullException.ThrowIfNull(chain);
        await ResiliencePolicies.DatabaseWrite.ExecuteAsync(async ct =>
        {
            await using var tx = await _connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            var id = await SaveChainAsync(chain, tx, ct).ConfigureAwait(false);
            var upserts = delta.Live.Where(kv => kv.Value is not null || !chain.Complete).ToList();
            var deletes = delta.Live.Where(kv => kv.Value is null && chain.Complete).Select(kv => kv.Key.ToArray()).ToArray();
            if (upserts.Count > 0)
            {
                await using var command = new NpgsqlCommand(
                    "INSERT INTO state_entries (chain_id, key, entry) SELECT @id, k, e FROM unnest(@keys, @entries) AS t(k, e) ON CONFLICT (chain_id, key) DO UPDATE SET entry = EXCLUDED.entry",
                    _connection, tx);
                command.Parameters.AddWithValue("id", id);
                command.Parameters.Add(new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = upserts.Select(kv => kv.Key.ToArray()).ToArray() });
                command.Parameters.Add(new NpgsqlParameter("entries", NpgsqlDbType.Array | NpgsqlDbType.Bytea)
                {
                    Value = upserts.Select(kv => kv.Value is null ? null : XdrCodec.Encode(kv.Value)).ToArray(),
                });
                await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            if (deletes.Length > 0)
                await DeleteAsync("state_entries", id, deletes, tx, ct).ConfigureAwait(false);
            var hotSets = delta.HotArchive.Where(kv => kv.Value is not null).ToList();
            var hotDeletes = delta.HotArchive.Where(kv => kv.Value is null).Select(kv => kv.Key.ToArray()).ToArray();
            if (hotSets.Count > 0)
            {
                await using var command = new NpgsqlCommand(
                    "INSERT INTO state_hot_archive (chain_id, key, entry) SELECT @id, k, e FROM unnest(@keys, @entries) AS t(k, e) ON CONFLICT (chain_id, key) DO UPDATE SET entry = EXCLUDED.entry",
                    _connection, tx);
                command.Parameters.AddWithValue("id", id);
                command.Parameters.Add(new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = hotSets.Select(kv => kv.Key.ToArray()).ToArray() });
                command.Parameters.Add(new NpgsqlParameter("entries", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = hotSets.Select(kv => XdrCodec.Encode(kv.Value!)).ToArray() });
                await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            if (hotDeletes.Length > 0)
                await DeleteAsync("state_hot_archive", id, hotDeletes, tx, ct).ConfigureAwait(false);
            await tx.CommitAsync(ct).ConfigureAwait(false);
            _chainId = id;
        }, cancellation).ConfigureAwait(false);
        Chain = chain;
    }

    public async ValueTask ReplaceAsync(ChainState chain, IEnumerable<KeyValuePair<StateKey, LedgerEntry>> live,
        IEnumerable<KeyValuePair<StateKey, LedgerEntry>> hotArchive, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(hotArchive);
        await using var tx = await _connection.BeginTransactionAsync(cancellation).ConfigureAwait(false);
        var id = await SaveChainAsync(chain, tx, cancellation).ConfigureAwait(false);
        foreach (var table in new[] { "state_entries", "state_hot_archive" })
        {
            await using var clear = new NpgsqlCommand($"DELETE FROM {table} WHERE chain_id = @id", _connection, tx);
            clear.Parameters.AddWithValue("id", id);
            await clear.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
        }
        await CopyAsync("state_entries", id, live, cancellation).ConfigureAwait(false);
        await CopyAsync("state_hot_archive", id, hotArchive, cancellation).ConfigureAwait(false);
        await tx.CommitAsync(cancellation).ConfigureAwait(false);
        _chainId = id;
        Chain = chain;
    }

    private async Task CopyAsync(string table, long id, IEnumerable<KeyValuePair<StateKey, LedgerEntry>> rows, CancellationToken cancellation)
    {
        await using var writer = await _connection.BeginBinaryImportAsync($"COPY {table} (chain_id, key, entry) FROM STDIN (FORMAT BINARY)", cancellation).ConfigureAwait(false);
        foreach (var (key, entry) in rows)
        {
            await writer.StartRowAsync(cancellation).ConfigureAwait(false);
            await writer.WriteAsync(id, NpgsqlDbType.Bigint, cancellation).ConfigureAwait(false);
            await writer.WriteAsync(key.ToArray(), NpgsqlDbType.Bytea, cancellation).ConfigureAwait(false);
            await writer.WriteAsync(XdrCodec.Encode(entry), NpgsqlDbType.Bytea, cancellation).ConfigureAwait(false);
        }
        await writer.CompleteAsync(cancellation).ConfigureAwait(false);
    }

    private async Task DeleteAsync(string table, long id, byte[][] keys, NpgsqlTransaction tx, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand($"DELETE FROM {table} WHERE chain_id = @id AND key = ANY(@keys)", _connection, tx);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.Add(new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = keys });
        await command.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
    }

    private async Task<long> SaveChainAsync(ChainState chain, NpgsqlTransaction tx, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO state_chains (name, network_passphrase, last_ledger, last_header, basis, origin, settings_from_test_config, test_config_source, updated_at)
            VALUES (@name, @network, @last, @header, @basis, @origin, @settings, @source, now())
            ON CONFLICT (name) DO UPDATE SET network_passphrase = EXCLUDED.network_passphrase, last_ledger = EXCLUDED.last_ledger,
                last_header = EXCLUDED.last_header, basis = EXCLUDED.basis, origin = EXCLUDED.origin,
                settings_from_test_config = EXCLUDED.settings_from_test_config, test_config_source = EXCLUDED.test_config_source, updated_at = now()
            RETURNING id
            """, _connection, tx);
        command.Parameters.AddWithValue("name", _name);
        command.Parameters.AddWithValue("network", chain.NetworkPassphrase);
        command.Parameters.AddWithValue("last", (long)chain.LastLedger);
        command.Parameters.Add(new NpgsqlParameter("header", NpgsqlDbType.Bytea) { Value = chain.LastHeader is null ? DBNull.Value : XdrCodec.Encode(chain.LastHeader) });
        command.Parameters.AddWithValue("basis", BasisName(chain.Basis));
        command.Parameters.AddWithValue("origin", chain.Origin);
        command.Parameters.AddWithValue("settings", chain.SettingsFromTestConfig.Select(s => (int)s).ToArray());
        command.Parameters.AddWithValue("source", chain.TestConfigSource);
        return (long)(await command.ExecuteScalarAsync(cancellation).ConfigureAwait(false))!;
    }

    private static string BasisName(StateBasis basis) => basis switch
    {
        StateBasis.Partial => "partial",
        StateBasis.Genesis => "genesis",
        StateBasis.Checkpoint => "checkpoint",
        _ => throw new ArgumentOutOfRangeException(nameof(basis), basis, null),
    };

    private static StateBasis ParseBasis(string name) => name switch
    {
        "partial" => StateBasis.Partial,
        "genesis" => StateBasis.Genesis,
        "checkpoint" => StateBasis.Checkpoint,
        _ => throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"state_chains.basis '{name}' is not partial, genesis or checkpoint")),
    };

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}

/// <summary>Chains' state in one PostgreSQL database (migrated on first use).</summary>
public sealed class PostgresLedgerStateStoreFactory(Database database) : ILedgerStateStoreFactory
{
    public string Description => "PostgreSQL " + database.Endpoint;

    public async ValueTask<ILedgerStateStore> OpenAsync(string chain, CancellationToken cancellation) =>
        await PostgresLedgerStateStore.OpenAsync(database, chain, cancellation).ConfigureAwait(false);
}
