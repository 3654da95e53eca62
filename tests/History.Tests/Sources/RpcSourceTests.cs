using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Replay.History.Http;
using Replay.History.Sources;
using Replay.History.Tests.Support;
using Replay.Stellar.Domain;
using Replay.Stellar.Xdr;

namespace Replay.History.Tests.Sources;

public sealed class RpcSourceTests
{
    /// <summary>A getLedgers server over a list of ledgers: cursor = the last sequence sent.</summary>
    private sealed class FakeRpc(List<LedgerCloseMeta> ledgers, uint oldest)
    {
        public bool SwapNextPage { get; set; }
        public List<string> Calls { get; } = [];

        public async Task HandleAsync(HttpContext context)
        {
            using var doc = await JsonDocument.ParseAsync(context.Request.Body);
            var method = doc.RootElement.GetProperty("method").GetString()!;
            var id = doc.RootElement.GetProperty("id").GetInt32();
            var latest = TestData.Sequence(ledgers[^1]);
            string result;
            switch (method)
            {
                case "getNetwork":
                    result = $"{{\"passphrase\":{JsonSerializer.Serialize(Network.CoreTests.Passphrase)},\"protocolVersion\":26}}";
                    break;
                case "getHealth":
                    result = $"{{\"status\":\"healthy\",\"latestLedger\":{latest},\"oldestLedger\":{oldest},\"ledgerRetentionWindow\":17280}}";
                    break;
                case "getLedgers":
                {
                    var p = doc.RootElement.GetProperty("params");
                    var limit = p.GetProperty("pagination").GetProperty("limit").GetInt32();
                    uint start;
                    if (p.GetProperty("pagination").TryGetProperty("cursor", out var cursor))
                        start = uint.Parse(cursor.GetString()!, CultureInfo.InvariantCulture) + 1;
                    else
                        start = p.GetProperty("startLedger").GetUInt32();
                    Calls.Add(start.ToString(CultureInfo.InvariantCulture));
                    if (start < oldest || start > latest)
                    {
                        await WriteAsync(context, $"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"error\":{{\"code\":-32600,\"message\":\"start ledger must be between the oldest ledger: {oldest} and the latest ledger: {latest} for this rpc instance.\"}}}}");
                        return;
                    }
                    var page = ledgers.Where(l => TestData.Sequence(l) >= start).Take(limit).ToList();
                    if (SwapNextPage && page.Count > 1)
                    {
                        (page[0], page[1]) = (page[1], page[0]);
                        SwapNextPage = false;
                    }
                    var items = page.Select(l =>
                        $"{{\"hash\":\"00\",\"sequence\":{TestData.Sequence(l)},\"ledgerCloseTime\":\"0\",\"headerXdr\":\"\",\"metadataXdr\":\"{Convert.ToBase64String(XdrCodec.Encode(l))}\"}}");
                    var last = page.Count == 0 ? start - 1 : page.Max(TestData.Sequence);
                    result = $"{{\"ledgers\":[{string.Join(',', items)}],\"latestLedger\":{latest},\"latestLedgerCloseTime\":0,\"oldestLedger\":{oldest},\"oldestLedgerCloseTime\":0,\"cursor\":\"{last}\"}}";
                    break;
                }
                default:
                    await WriteAsync(context, $"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"error\":{{\"code\":-32601,\"message\":\"method not found\"}}}}");
                    return;
            }
            await WriteAsync(context, $"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":{result}}}");
        }

        private static async Task WriteAsync(HttpContext context, string json)
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = bytes.Length;
            await context.Response.Body.WriteAsync(bytes);
        }
    }

    private static async Task<(LoopbackServer, FakeRpc)> ServeAsync(uint oldest = 2)
    {
        var ledgers = TestData.Ledgers(TestData.CorpusFile(TestData.LongNetwork));
        var rpc = new FakeRpc(ledgers, oldest);
        var server = await LoopbackServer.StartAsync();
        server.Handler = rpc.HandleAsync;
        return (server, rpc);
    }

    [SharedFact]
    public async Task Pages_follow_the_cursor_and_every_ledger_arrives_once_in_order_through_faults()
    {
        var (server, rpc) = await ServeAsync();
        await using var _ = server;
        using var reader = new NetworkReader(DataLakeSourceTests.Quick);
        var source = await RpcSource.OpenAsync(new Uri(server.BaseUrl, "rpc").ToString(), reader, CancellationToken.None, pageSize: 7);
        Assert.Equal(Network.CoreTests.Passphrase, source.Network.Passphrase);
        server.Fail("rpc", new Fault.Status(500), new Fault.TooManyRequests(1), new Fault.Truncate(), new Fault.Stall(TimeSpan.FromSeconds(6)));
        var delivered = await TestData.DeliveredAsync(source, new LedgerRange(2, 45));
        Assert.Equal(Enumerable.Range(2, 44).Select(i => (uint)i), delivered);
        Assert.Equal(0, server.PendingFaults);
        // One page from startLedger, then by cursor: 2, 9, 16, ... 44 (the last page asks for the 2 left).
        Assert.Equal(["2", "9", "16", "23", "30", "37", "44"], rpc.Calls);
    }

    [SharedFact]
    public async Task Cases_from_rpc_equal_cases_from_the_meta_file()
    {
        var (server, _) = await ServeAsync();
        await using var __ = server;
        using var reader = new NetworkReader(DataLakeSourceTests.Quick);
        var source = await RpcSource.OpenAsync(new Uri(server.BaseUrl, "rpc").ToString(), reader, CancellationToken.None);
        var fromRpc = await Runs.RunAsync(source, new LedgerRange(2, 45), rangeGiven: true);
        var fromFile = await Runs.MetaAsync(TestData.CorpusFile(TestData.LongNetwork));
        Assert.Equal(DataLakeSourceTests.Inputs(fromFile.Results), DataLakeSourceTests.Inputs(fromRpc.Results));
    }

    [SharedFact]
    public async Task A_page_out_of_order_ends_the_run_naming_the_expected_ledger()
    {
        var (server, rpc) = await ServeAsync();
        await using var _ = server;
        using var reader = new NetworkReader(DataLakeSourceTests.Quick);
        var source = await RpcSource.OpenAsync(new Uri(server.BaseUrl, "rpc").ToString(), reader, CancellationToken.None, pageSize: 5);
        rpc.SwapNextPage = true;
        var e = await Assert.ThrowsAsync<LedgerSourceException>(() => TestData.DeliveredAsync(source, new LedgerRange(10, 30)));
        Assert.Equal($"{new Uri(server.BaseUrl, "rpc")}: getLedgers page from 10 delivered ledger 11 where ledger 10 was due (pages out of order)", e.Message);
    }

    [SharedFact]
    public async Task A_range_outside_retention_is_refused_naming_oldest_and_latest_ledger()
    {
        var (server, _) = await ServeAsync(oldest: 20);
        await using var _ = server;
        using var reader = new NetworkReader(DataLakeSourceTests.Quick);
        var source = await RpcSource.OpenAsync(new Uri(server.BaseUrl, "rpc").ToString(), reader, CancellationToken.None);
        var e = await Assert.ThrowsAsync<LedgerSourceException>(() => TestData.DeliveredAsync(source, new LedgerRange(5, 30)));
        Assert.Equal($"{new Uri(server.BaseUrl, "rpc")}: ledgers 5-30 are outside the server's retention: oldestLedger 20, latestLedger 45", e.Message);
        var late = await Assert.ThrowsAsync<LedgerSourceException>(() => TestData.DeliveredAsync(source, new LedgerRange(30, 50)));
        Assert.Equal($"{new Uri(server.BaseUrl, "rpc")}: ledgers 30-50 are outside the server's retention: oldestLedger 20, latestLedger 45", late.Message);
    }
}
