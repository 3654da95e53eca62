using System.IO.Compression;
using ZstdSharp;
using ZstdSharp.Unsafe;

namespace Replay.Stellar.Streams;

/// <summary>
/// Base of the read-only, forward-only streams the readers stack (a replayed prefix, a bounded
/// decompressor): everything but reading is unsupported. Subclasses implement <see cref="Read(Span{byte})"/>.
/// </summary>
public abstract class ForwardOnlyStream : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public abstract override int Read(Span<byte> buffer);

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>
/// A read-only, forward-only stream that first returns bytes already taken from another stream
/// (to look at them) and then the rest of that stream, so content can be sniffed without seeking.
/// </summary>
internal sealed class PrefixedStream(byte[] prefix, Stream rest, bool leaveOpen) : ForwardOnlyStream
{
    private int _prefixUsed;

    public override int Read(Span<byte> buffer)
    {
        if (_prefixUsed < prefix.Length)
        {
            var n = Math.Min(buffer.Length, prefix.Length - _prefixUsed);
            prefix.AsSpan(_prefixUsed, n).CopyTo(buffer);
            _prefixUsed += n;
            return n;
        }
        return rest.Read(buffer);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !leaveOpen)
            rest.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>
/// Decompresses zstd or gzip content with the zstd window bounded by <see cref="LedgerReadLimits"/>,
/// and turns the decoders' own exceptions into <see cref="StreamFormatException"/> at the offset of
/// the decompressed content where decompression failed. I/O errors of the source pass through.
/// </summary>
internal sealed class DecompressingStream : ForwardOnlyStream
{
    private readonly Stream _decoder;
    private readonly Compression _compression;
    private readonly string? _sourceName;
    private readonly LedgerReadLimits _limits;
    private long _produced;

    public DecompressingStream(Stream compressed, Compression compression, LedgerReadLimits limits, string? sourceName)
    {
        _compression = compression;
        _sourceName = sourceName;
        _limits = limits;
        if (compression == Compression.Zstd)
        {
            var zstd = new DecompressionStream(compressed, leaveOpen: true);
            zstd.SetParameter(ZSTD_dParameter.ZSTD_d_windowLogMax, limits.MaxZstdWindowLog);
            _decoder = zstd;
        }
        else
        {
            _decoder = new GZipStream(compressed, CompressionMode.Decompress, leaveOpen: true);
        }
    }

    public override int Read(Span<byte> buffer)
    {
        int n;
        try
        {
            n = _decoder.Read(buffer);
        }
        catch (ZstdException e)
        {
            var hint = e.Code == ZSTD_ErrorCode.ZSTD_error_frameParameter_windowTooLarge
                ? $" (windows above {LedgerReadLimits.Describe(1L << _limits.MaxZstdWindowLog)} are refused)"
                : "";
            throw new StreamFormatException($"zstd data cannot be decompressed: {e.Message}{hint}", _produced, _sourceName, e);
        }
        catch (InvalidDataException e) when (_compression == Compression.Gzip)
        {
            throw new StreamFormatException($"gzip data cannot be decompressed: {e.Message}", _produced, _sourceName, e);
        }
        catch (EndOfStreamException e)
        {
            throw new StreamFormatException($"{_compression} data ends inside a frame (truncated?)", _produced, _sourceName, e);
        }
        _produced += n;
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _decoder.Dispose();
        base.Dispose(disposing);
    }
}
