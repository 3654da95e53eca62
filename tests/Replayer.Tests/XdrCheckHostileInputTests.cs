using System.Text.Json;
using Replay.Replayer.Cli;
using Xunit.Abstractions;
using static Replay.Replayer.Tests.CraftedInputs;

namespace Replay.Replayer.Tests;

/// <summary>
/// `replay xdr check` on crafted files, run as a child process so that peak memory (VmHWM),
/// crashes and hangs are seen as a user would see them. Whatever the bytes, a check must end
/// within 5 s below 300 MB, and every broken file must be a failure (exit 1).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class XdrCheckHostileInputTests(ITestOutputHelper output) : IDisposable
{
    private const double MaxSeconds = 5;
    private const double MaxMegabytes = 300;

    /// <summary>Past this a run is killed: what the old readers did with these files (hang, loop).</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly string _dir = CreateSharedTempDirectory();

    public void Dispose()
    {
        // Not through links: the tests make link loops.
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint };
        foreach (var dir in Directory.GetDirectories(_dir, "*", options))
            File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Directory.Delete(_dir, recursive: true);
    }

    // Readable by everyone, so that a run as an unprivileged user can see it.
    private static string CreateSharedTempDirectory()
    {
        var dir = Directory.CreateTempSubdirectory("replay-hostile-").FullName;
        File.SetUnixFileMode(dir, (UnixFileMode)0b111_101_101);
        return dir;
    }

    private string Write(string name, byte[] content)
    {
        var path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    private CliProcess.Result Check(params string[] paths) => Run(asNobody: false, paths);

    private CliProcess.Result Run(bool asNobody, params string[] paths)
    {
        var result = CliProcess.Run(["xdr", "check", .. paths], Deadline, asNobody);
        output.WriteLine(result.ToString());
        Assert.False(result.TimedOut, $"xdr check did not end within {Deadline.TotalSeconds} s: {result}");
        Assert.True(result.Elapsed.TotalSeconds < MaxSeconds, $"took {result.Elapsed.TotalSeconds:F2} s: {result}");
        Assert.True(result.PeakMegabytes < MaxMegabytes, $"peak memory {result.PeakMegabytes:F0} MB: {result}");
        return result;
    }

    private sealed record Report(int Files, long Ledgers, long RoundTripIdentical, List<(string File, string Error)> Failures, List<(string File, string Reason)> Skipped);

    private static Report Parse(CliProcess.Result result)
    {
        Assert.True(result.ExitCode is ExitCodes.Ok or ExitCodes.Findings, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        return new Report(
            root.GetProperty("files").GetInt32(),
            root.GetProperty("ledgers").GetInt64(),
            root.GetProperty("roundTripIdentical").GetInt64(),
            [.. root.GetProperty("failures").EnumerateArray().Select(f => (f.GetProperty("file").GetString()!, f.GetProperty("error").GetString()!))],
            [.. root.GetProperty("skipped").EnumerateArray().Select(f => (f.GetProperty("file").GetString()!, f.GetProperty("reason").GetString()!))]);
    }

    private static (string File, string Error) SingleFailure(Report report, string contains)
    {
        var failure = Assert.Single(report.Failures);
        Assert.Contains(contains, failure.Error, StringComparison.Ordinal);
        return failure;
    }

    [Fact]
    public void A_ledger_in_two_million_one_byte_fragments_is_read_in_linear_time()
    {
        // A valid 2 MB ledger, each byte its own fragment (2 million fragment headers), after a valid record.
        var ledger = LedgerWithQuorumSets((2_000_000 - EmptyLedger.Length) / 12);
        var content = new byte[4 + EmptyLedger.Length + 5 * ledger.Length];
        Record(EmptyLedger).CopyTo(content, 0);
        var at = 4 + EmptyLedger.Length;
        for (var i = 0; i < ledger.Length; i++, at += 5)
        {
            Mark(i == ledger.Length - 1 ? 0x8000_0001u : 1u).CopyTo(content, at);
            content[at + 4] = ledger[i];
        }
        var file = Zstd(content);
        output.WriteLine($"{ledger.Length} fragments in {file.Length} bytes of zstd");
        Assert.True(file.Length < 4096);

        var report = Parse(Check(Write("fragments.xdr.zst", file)));
        Assert.Empty(report.Failures);
        Assert.Equal((1, 2, 2), (report.Files, report.Ledgers, report.RoundTripIdentical));
    }

    [Fact]
    public void Endless_empty_fragment_headers_after_a_valid_record_end_at_the_ledger_limit()
    {
        // 4 GiB of zero bytes, i.e. a billion empty non-final fragments, in 130 KB of zstd.
        var file = new ZstdFrame().Raw(Record(EmptyLedger)).Rle(0, 4L << 30).Build();
        output.WriteLine($"{file.Length} bytes of zstd");
        var result = Check(Write("empty-fragments.xdr.zst", file));
        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        var report = Parse(result);
        SingleFailure(report, "counting the headers of its");
        Assert.Equal((1, 1, 1), (report.Files, report.Ledgers, report.RoundTripIdentical));
    }

    [Fact]
    public void A_record_announcing_250_MB_is_refused_before_it_is_buffered()
    {
        var file = new ZstdFrame().Raw([.. Record(EmptyLedger), .. Mark(0x8F00_0000)]).Rle(0, 4L << 30).Build();
        var result = Check(Write("record-bomb.xdr.zst", file));
        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        var report = Parse(result);
        SingleFailure(report, "record mark announces 251658240 bytes, more than the 32 MiB a record may have");
        Assert.Equal(1, report.Ledgers);
    }

    [Fact]
    public void A_batch_followed_by_gigabytes_of_zeros_is_not_buffered_whole()
    {
        var file = new ZstdFrame().Raw([.. BatchHeader(1, 1, 1), .. EmptyLedger]).Rle(0, 4L << 30).Build();
        var result = Check(Write("batch-bomb.xdr.zst", file));
        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        var report = Parse(result);
        SingleFailure(report, "data continues after the batch's 1 ledgers");
        Assert.Equal((1, 1), (report.Ledgers, report.RoundTripIdentical));
    }

    [Fact]
    public void A_batch_ledger_that_never_ends_stops_at_the_ledger_limit()
    {
        // 16 million quorum sets of 12 bytes: 200 MB of ledger, all zeros after its first bytes.
        var file = new ZstdFrame().Raw([.. BatchHeader(1, 1, 1), .. LedgerWithQuorumSetsHead(1 << 24)]).Rle(0, 4L << 30).Build();
        var result = Check(Write("endless-ledger.xdr.zst", file));
        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        SingleFailure(Parse(result), "ledger 0 of the batch of 1 to 1 does not end within 32 MiB");
    }

    [Fact]
    public void A_20_MB_ledger_of_the_smallest_values_is_checked_in_either_container()
    {
        // 1.7 million empty quorum sets: about 80 MB of objects once decoded.
        var quorumSets = (20 << 20) / 12;
        var head = LedgerWithQuorumSetsHead(quorumSets);
        var zeros = 12L * quorumSets + 8;
        var marked = new ZstdFrame().Raw([.. Mark(0x8000_0000u | (uint)(head.Length + zeros)), .. head]).Rle(0, zeros).Build();
        var batch = new ZstdFrame().Raw([.. BatchHeader(7, 7, 1), .. head]).Rle(0, zeros).Build();
        foreach (var (name, file) in new[] { ("large.xdr.zst", marked), ("large-batch.xdr.zst", batch) })
        {
            var report = Parse(Check(Write(name, file)));
            Assert.Empty(report.Failures);
            Assert.Equal((1, 1, 1), (report.Files, report.Ledgers, report.RoundTripIdentical));
        }
    }

    [Fact]
    public void Ledgers_past_the_size_or_memory_limits_are_refused_within_bounds()
    {
        // Just within 32 MiB but made of empty quorum sets: 130 MB of objects, past the 96 MiB decoding may take.
        var quorumSets = ((32 << 20) - 4096) / 12;
        var head = LedgerWithQuorumSetsHead(quorumSets);
        var zeros = 12L * quorumSets + 8;
        var heavy = new ZstdFrame().Raw([.. Mark(0x8000_0000u | (uint)(head.Length + zeros)), .. head]).Rle(0, zeros).Build();
        SingleFailure(Parse(Check(Write("heavy.xdr.zst", heavy))), "decoding takes more than 100663296 bytes of memory");

        // Quorum sets nested 400 deep: each 12 bytes of input one object and one array.
        var nested = LedgerWithNestedQuorumSets((24 << 20) / 12, depth: 400);
        SingleFailure(Parse(Check(Write("nested.xdr", Record(nested)))), "decoding takes more than 100663296 bytes of memory");

        // The limit is an option; below 1 KiB it is a usage error (exit 2).
        var small = Parse(Check("--max-ledger-bytes", "1048576", Write("nested-again.xdr", Record(nested))));
        Assert.Contains("more than the 1 MiB a record may have", Assert.Single(small.Failures).Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Error, Check("--max-ledger-bytes", "10", Path.Combine(_dir, "nested.xdr")).ExitCode);

        // One byte over the size limit is refused before anything is read.
        var over = new ZstdFrame().Raw([.. Mark(0x8000_0000u | ((32u << 20) + 1))]).Rle(0, (32 << 20) + 1).Build();
        SingleFailure(Parse(Check(Write("over.xdr.zst", over))), "more than the 32 MiB a record may have");
    }

    [Fact]
    public void A_zstd_frame_asking_for_a_128_MiB_window_is_refused()
    {
        var file = new ZstdFrame(windowLog: 27).Raw(Record(EmptyLedger)).Build();
        var result = Check(Write("wide-window.xdr.zst", file));
        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        SingleFailure(Parse(result), "windows above 16 MiB are refused");
    }

    [Fact]
    public void Truncated_damaged_and_unsupported_files_in_a_directory_are_failures()
    {
        var good = Record(EmptyLedger);
        Write("d/good.xdr", good);
        Write("d/truncated-first.xdr", good[..^8]);
        Write("d/truncated-later.xdr", [.. good, .. good[..^8]]);
        Write("d/bad-mark.xdr", [.. Mark(0x0000_0010), .. good]);
        Write("d/version-3.xdr", [.. Mark(0x8000_0000u | (uint)EmptyLedger.Length), .. Mark(3), .. EmptyLedger[4..]]);
        Write("d/truncated.xdr.zst", Zstd([.. good, .. good])[..^6]);
        Write("d/empty.xdr", []);
        Write("d/index.json", """{"note": "text beside ledgers is skipped, and listed"}"""u8.ToArray());
        var result = Check(Path.Combine(_dir, "d"));
        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        var report = Parse(result);
        Assert.Equal(7, report.Files);
        var failed = report.Failures.Select(f => Path.GetFileName(f.File)).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["bad-mark.xdr", "empty.xdr", "truncated-first.xdr", "truncated-later.xdr", "truncated.xdr.zst", "version-3.xdr"], failed);
        Assert.Contains(report.Failures, f => f.File.EndsWith("version-3.xdr", StringComparison.Ordinal) && f.Error.Contains("version 3", StringComparison.Ordinal));
        Assert.Contains(report.Failures, f => f.File.EndsWith("truncated-first.xdr", StringComparison.Ordinal) && f.Error.Contains("truncated", StringComparison.Ordinal));
        var skipped = Assert.Single(report.Skipped);
        Assert.EndsWith("index.json", skipped.File, StringComparison.Ordinal);
    }

    [Fact]
    public void Symbolic_link_loops_end_and_a_file_reached_twice_is_read_once()
    {
        var good = Write("tree/a/good.xdr", Record(EmptyLedger));
        Directory.CreateSymbolicLink(Path.Combine(_dir, "tree", "a", "loop"), Path.Combine(_dir, "tree"));
        Directory.CreateSymbolicLink(Path.Combine(_dir, "tree", "b"), "a");
        File.CreateSymbolicLink(Path.Combine(_dir, "tree", "c.xdr"), good);
        File.CreateSymbolicLink(Path.Combine(_dir, "tree", "self-1"), "self-2");
        File.CreateSymbolicLink(Path.Combine(_dir, "tree", "self-2"), "self-1");
        var result = Check(Path.Combine(_dir, "tree"), good);
        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        var report = Parse(result);
        Assert.Equal((1, 1), (report.Ledgers, report.RoundTripIdentical));
        // The link loop pair is a failure each; the good file is read once however it is reached.
        Assert.Equal(["self-1", "self-2"], report.Failures.Select(f => Path.GetFileName(f.File)));
        Assert.All(report.Failures, f => Assert.Equal("symbolic link loop", f.Error));
        Assert.Equal(3, report.Files);
        Assert.Equal(4, report.Skipped.Count);
        Assert.Contains(report.Skipped, s => s.File.EndsWith("c.xdr", StringComparison.Ordinal) && s.Reason.StartsWith("same file as", StringComparison.Ordinal));
    }

    [Fact]
    public void A_fifo_in_a_directory_is_a_failure_not_a_hang()
    {
        Write("f/good.xdr", Record(EmptyLedger));
        var fifo = Path.Combine(_dir, "f", "pipe");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }
        var result = Check(Path.Combine(_dir, "f"));
        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        var report = Parse(result);
        Assert.Equal(2, report.Files);
        Assert.EndsWith("pipe", SingleFailure(report, "FIFO").File, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_subdirectory_and_file_are_failures_not_a_crash()
    {
        Write("u/good.xdr", Record(EmptyLedger));
        Write("u/locked/inside.xdr", Record(EmptyLedger));
        var unreadable = Write("u/unreadable.xdr", Record(EmptyLedger));
        File.SetUnixFileMode(Path.Combine(_dir, "u"), (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(Path.Combine(_dir, "u", "locked"), UnixFileMode.None);
        File.SetUnixFileMode(unreadable, UnixFileMode.None);
        File.SetUnixFileMode(Path.Combine(_dir, "u", "good.xdr"), (UnixFileMode)0b110_100_100);
        // Permission bits do not stop root: as root, the check runs as nobody.
        var result = Run(asNobody: CliProcess.IsRoot, Path.Combine(_dir, "u"));
        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        var report = Parse(result);
        Assert.Equal(2, report.Files);
        Assert.Equal(2, report.Failures.Count);
        Assert.Contains(report.Failures, f => f.File.EndsWith("locked", StringComparison.Ordinal) && f.Error.StartsWith("cannot list directory", StringComparison.Ordinal));
        Assert.Contains(report.Failures, f => f.File.EndsWith("unreadable.xdr", StringComparison.Ordinal) && f.Error.StartsWith("cannot read", StringComparison.Ordinal));
    }
}
