using System.Text.Json;
using Dapper;
using Npgsql;
using Replay.Replayer.Cli;
using Replay.Replayer.Tests.Postgres;
using Replay.Stellar.Streams;
using Replay.Stellar.Xdr;

namespace Replay.Replayer.Tests;

[Collection(PostgresCollection.Name)]
public sealed class PostgresStateStoreTests(PostgresFixture pg)
{
    private static string Network => SharedData.PathOf("corpus", "core-tests", "21c43b92b819267f.xdr");

    private static string TempDir() => Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "replay-pg-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    [SharedFact]
    public async Task A_run_resumes_from_the_database_and_builds_the_same_cases_as_one_run_in_memory()
    {
        var db = await pg.CreateDatabaseAsync();
        var inMemory = TempDir();
        var whole = await CliRunner.RunAsync("cases", "--source", "meta:" + Network, "--out", inMemory, "--json");
        Assert.True(whole.ExitCode == ExitCodes.Ok, whole.Error);

        var resumed = TempDir();
        var first = await CliRunner.RunAsync("cases", "--source", "meta:" + Network, "--to", "20", "--out", resumed, "--json", "--db", db);
        Assert.True(first.ExitCode == ExitCodes.Ok, first.Error);
        Assert.Equal(19, Ledgers(first));
        var second = await CliRunner.RunAsync("cases", "--source", "meta:" + Network, "--out", resumed + "/rest", "--json", "--db", db);
        Assert.True(second.ExitCode == ExitCodes.Ok, second.Error);
        Assert.Equal(25, Ledgers(second));

        var expected = Directory.GetFiles(inMemory, "*.case").Select(f => (Path.GetFileName(f), Convert.ToHexString(File.ReadAllBytes(f)))).Order().ToList();
        var actual = Directory.GetFiles(resumed, "*.case", SearchOption.AllDirectories).Select(f => (Path.GetFileName(f), Convert.ToHexString(File.ReadAllBytes(f)))).Order().ToList();
        Assert.Equal(30, expected.Count);
        Assert.Equal(expected, actual);

        await using var connection = new NpgsqlConnection(db);
        Assert.Equal(45L, await connection.ExecuteScalarAsync<long>("SELECT last_ledger FROM state_chains"));
        Assert.Equal("genesis", await connection.ExecuteScalarAsync<string>("SELECT basis FROM state_chains"));
    }

    private static int Ledgers(CliRunner.Result result)
    {
        using var doc = JsonDocument.Parse(result.Out);
        return doc.RootElement.GetProperty("ledgers").GetInt32();
    }

    [SharedFact]
    public async Task A_ledger_that_fails_is_not_half_applied_to_the_database()
    {
        var ledgers = LedgerCloseMetaReader.ReadFile(Network).ToList();
        var broken = (LedgerCloseMeta.V2)ledgers[18];
        broken.Value.TxProcessing[0].Result.TransactionHash = default;
        var path = Path.Combine(TempDir(), "broken.xdr");
        using (var file = File.Create(path))
        {
            var writer = new RecordMarkedWriter(file);
            foreach (var l in ledgers)
                writer.Write(l);
        }

        var db = await pg.CreateDatabaseAsync();
        var failed = await CliRunner.RunAsync("cases", "--source", "meta:" + path, "--db", db);
        Assert.Equal(ExitCodes.Error, failed.ExitCode);
        Assert.StartsWith($"error: {path}: ledger 20: result 0 (transaction 0000000000000000000000000000000000000000000000000000000000000000) matches no envelope", failed.Error, StringComparison.Ordinal);

        var clean = await pg.CreateDatabaseAsync();
        var upTo19 = await CliRunner.RunAsync("cases", "--source", "meta:" + path, "--to", "19", "--db", clean);
        Assert.True(upTo19.ExitCode == ExitCodes.Ok, upTo19.Error);

        Assert.Equal(await StateAsync(clean), await StateAsync(db));
        await using var connection = new NpgsqlConnection(db);
        Assert.Equal(19L, await connection.ExecuteScalarAsync<long>("SELECT last_ledger FROM state_chains"));
    }

    private static async Task<List<string>> StateAsync(string db)
    {
        await using var connection = new NpgsqlConnection(db);
        var rows = await connection.QueryAsync<(byte[] Key, byte[]? Entry)>("SELECT key, entry FROM state_entries ORDER BY key");
        return [.. rows.Select(r => Convert.ToHexString(r.Key) + "=" + (r.Entry is null ? "" : Convert.ToHexString(r.Entry)))];
    }
}
