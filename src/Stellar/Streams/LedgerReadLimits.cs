using System.Globalization;

namespace Replay.Stellar.Streams;

/// <summary>
/// Bounds on what reading one ledger may hold in memory, checked before anything is buffered, so
/// that hostile or broken input (a decompression bomb, a record mark announcing gigabytes) costs at
/// most these amounts whatever its size. Streams are read one ledger at a time, so the total length
/// of a file or object is not bounded, only each ledger in it.
/// </summary>
/// <param name="MaxLedgerBytes">
/// Largest encoded LedgerCloseMeta accepted, record-marked (fragment headers after the first count
/// too) or inside a batch. Real ledgers are a few MB (the largest in the test corpus is 1.9 MB).
/// </param>
/// <param name="MaxDecodedBytes">
/// Memory decoding one ledger may allocate. Real ledgers allocate about 3 times their encoded
/// size; hostile ones made of the smallest values (empty or nested sets) 4 to 6 times, which this cuts short.
/// </param>
/// <param name="MaxZstdWindowLog">
/// Largest zstd window accepted, as a power of two: the decoder allocates the window a frame
/// declares. Data-lake objects use 8 MiB (2^23); zstd's own default ceiling, 2^27, is 128 MiB.
/// </param>
public sealed record LedgerReadLimits(
    int MaxLedgerBytes = LedgerReadLimits.DefaultMaxLedgerBytes,
    long MaxDecodedBytes = LedgerReadLimits.DefaultMaxDecodedBytes,
    int MaxZstdWindowLog = LedgerReadLimits.DefaultMaxZstdWindowLog)
{
    public const int DefaultMaxLedgerBytes = 32 << 20;

    /// <summary>Decoding may allocate this many times <see cref="MaxLedgerBytes"/> by default.</summary>
    public const int DecodedBytesPerLedgerByte = 3;

    public const long DefaultMaxDecodedBytes = (long)DecodedBytesPerLedgerByte * DefaultMaxLedgerBytes;

    /// <summary>Limits for ledgers of up to <paramref name="maxLedgerBytes"/>, decoding allowed the same multiple of it as by default.</summary>
    public static LedgerReadLimits ForLedgerBytes(int maxLedgerBytes) =>
        new(maxLedgerBytes, Math.Max((long)DecodedBytesPerLedgerByte * maxLedgerBytes, 1 << 20));

    public const int DefaultMaxZstdWindowLog = 24;

    public static LedgerReadLimits Default { get; } = new();

    public int MaxLedgerBytes { get; init; } = MaxLedgerBytes >= 1024
        ? MaxLedgerBytes
        : throw new ArgumentOutOfRangeException(nameof(MaxLedgerBytes), MaxLedgerBytes, "at least 1024 bytes");

    public long MaxDecodedBytes { get; init; } = MaxDecodedBytes >= 1 << 20
        ? MaxDecodedBytes
        : throw new ArgumentOutOfRangeException(nameof(MaxDecodedBytes), MaxDecodedBytes, "at least 1 MiB");

    public int MaxZstdWindowLog { get; init; } = MaxZstdWindowLog is >= 10 and <= 31
        ? MaxZstdWindowLog
        : throw new ArgumentOutOfRangeException(nameof(MaxZstdWindowLog), MaxZstdWindowLog, "zstd window logs run from 10 to 31");

    /// <summary>Bytes as the limits are printed in errors (e.g. "32 MiB").</summary>
    public static string Describe(long bytes) => bytes >= 1 << 20 && bytes % (1 << 20) == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes >> 20} MiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes");
}
