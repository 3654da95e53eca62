using System.Globalization;
using Replay.History.Archive;
using Replay.History.Http;
using Replay.Stellar.Domain;

namespace Replay.History.Sources;

/// <summary>
/// Opens sources from their specifications: meta:PATH, datalake:PATH|URL, rpc:URL give ledgers;
/// archive:PATH|URL gives the state at a checkpoint to start from. A run takes one ledger source
/// and at most one archive.
/// </summary>
public static class HistorySources
{
    public const string Forms = "meta:PATH, datalake:PATH|URL, rpc:URL, archive:PATH|URL, or sample and sample-archive (the embedded sample history's data lake and archive)";

    /// <summary>Where the embedded sample history's data lake lies under the repository root.</summary>
    public const string SampleLake = "samples/sample/lake";

    /// <summary>Where the embedded sample history's archive lies under the repository root.</summary>
    public const string SampleArchive = "samples/sample/archive";

    /// <summary>
    /// The embedded sample's folder (<paramref name="relative"/> under the repository root): looked
    /// for from the current directory upward, then from the program's own directory upward.
    /// </summary>
    public static string LocateSample(string relative)
    {
        ArgumentNullException.ThrowIfNull(relative);
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, relative.Replace('/', Path.DirectorySeparatorChar));
                if (Directory.Exists(candidate))
                    return candidate;
            }
        }
        throw new LedgerSourceException($"the embedded sample ({relative}) is not found above {Directory.GetCurrentDirectory()} or {AppContext.BaseDirectory}: run from a clone of the repository, or build it with `replay sample build --out DIR` and use datalake:DIR/lake");
    }

    /// <summary>The sources of a run; <see cref="From"/> is the first ledger to read (after the archive's checkpoint when one is given).</summary>
    public sealed record Opened(ILedgerSource Ledgers, HistoryArchive? Archive, uint? From);

    public static (string Kind, string Location) Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec is "sample")
            return ("datalake", LocateSample(SampleLake));
        if (spec is "sample-archive")
            return ("archive", LocateSample(SampleArchive));
        var colon = spec.IndexOf(':', StringComparison.Ordinal);
        var kind = colon > 0 ? spec[..colon] : "";
        var location = colon > 0 ? spec[(colon + 1)..] : "";
        if (kind is not ("meta" or "datalake" or "rpc" or "archive") || location.Length == 0)
            throw new LedgerSourceException($"'{spec}' is not a source: expected {Forms}");
        return (kind, location);
    }

    public static async Task<Opened> OpenAsync(IReadOnlyList<string> specs, NetworkReader reader, uint? from, Network? network, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(specs);
        var parsed = specs.Select(Parse).ToList();
        var ledgers = parsed.Where(p => p.Kind != "archive").ToList();
        var archives = parsed.Where(p => p.Kind == "archive").ToList();
        if (ledgers.Count != 1)
            throw new LedgerSourceException(ledgers.Count == 0
                ? "an archive gives the state at a checkpoint, not ledgers: add a meta:, datalake: or rpc: source"
                : "give one ledger source (meta:, datalake: or rpc:), and at most one archive:");
        if (archives.Count > 1)
            throw new LedgerSourceException("give at most one archive: source");

        HistoryArchive? archive = null;
        if (archives.Count == 1)
        {
            uint? checkpoint = null;
            if (from is { } f)
            {
                if (f == 0 || f % HistoryArchive.CheckpointFrequency != 0)
                    throw new LedgerSourceException(string.Create(CultureInfo.InvariantCulture,
                        $"with an archive, --from must follow a checkpoint (a multiple of {HistoryArchive.CheckpointFrequency}); {f} does not"));
                checkpoint = f - 1;
            }
            archive = await HistoryArchive.OpenAsync(archives[0].Location, reader, checkpoint, cancellation).ConfigureAwait(false);
            from ??= archive.Checkpoint + 1;
        }

        var (kind, location) = ledgers[0];
        ILedgerSource source = kind switch
        {
            "meta" => new MetaSource(location, network),
            "datalake" => await DataLakeSource.OpenAsync(location, reader, cancellation).ConfigureAwait(false),
            _ => await RpcSource.OpenAsync(location, reader, cancellation).ConfigureAwait(false),
        };
        if (network is not null && source.Network is { } declared && declared.Passphrase != network.Passphrase)
            throw new LedgerSourceException($"{source.Spec} is of network \"{declared.Passphrase}\", not \"{network.Passphrase}\"");
        if (archive?.State.NetworkPassphrase is { Length: > 0 } archived && (network ?? source.Network) is { } net && net.Passphrase != archived)
            throw new LedgerSourceException($"{archive.StateName}: the archive is of network \"{archived}\", the ledgers of \"{net.Passphrase}\"");
        return new Opened(source, archive, from);
    }
}
