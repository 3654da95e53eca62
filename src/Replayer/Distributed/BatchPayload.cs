using System.Buffers.Binary;
using Replay.History.Cases;
using ZstdSharp;

namespace Replay.Replayer.Distributed;

/// <summary>One case of a batch: the case, and whether the reference engine runs it twice (the A/A check).</summary>
public sealed record BatchCase(ReplayCase Case, bool DeterminismCheck);

/// <summary>
/// A batch of cases as stored between the coordinator and the workers: Zstandard-compressed
/// "RPLB", a format version, the case count, then per case a flag byte (1: A/A check), the
/// length of its CaseBinary form (big-endian) and that form. A reader refuses another version
/// or a payload that does not add up, naming what is wrong.
/// </summary>
public static class BatchPayload
{
    /// <summary>"RPLB" in ASCII.</summary>
    public const uint Magic = 0x52504C42;

    public const uint Version = 1;

    /// <summary>Zstandard level: level 3 compresses cases about as well as 19 at a small fraction of the time.</summary>
    private const int Level = 3;

    private const int MaxDecompressed = 1 << 30;

    public static byte[] Encode(IReadOnlyList<BatchCase> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        using var raw = new MemoryStream();
        var word = new byte[4];
        void WriteUInt32(uint v)
        {
            BinaryPrimitives.WriteUInt32BigEndian(word, v);
            raw.Write(word);
        }
        WriteUInt32(Magic);
        WriteUInt32(Version);
        WriteUInt32(checked((uint)cases.Count));
        foreach (var c in cases)
        {
            var bytes = CaseBinary.Encode(c.Case);
            raw.WriteByte(c.DeterminismCheck ? (byte)1 : (byte)0);
            WriteUInt32(checked((uint)bytes.Length));
            raw.Write(bytes);
        }
        using var compressor = new Compressor(Level);
        return compressor.Wrap(raw.GetBuffer().AsSpan(0, checked((int)raw.Length))).ToArray();
    }

    public static IReadOnlyList<BatchCase> Decode(ReadOnlySpan<byte> payload)
    {
        byte[] data;
        try
        {
            using var decompressor = new Decompressor();
            var size = Decompressor.GetDecompressedSize(payload);
            if (size > MaxDecompressed)
                throw new InvalidDataException($"batch payload: {size} bytes decompressed is more than the {MaxDecompressed} allowed");
            data = decompressor.Unwrap(payload, MaxDecompressed).ToArray();
        }
        catch (ZstdException e)
        {
            throw new InvalidDataException($"batch payload: not Zstandard data: {e.Message}", e);
        }
        var span = (ReadOnlySpan<byte>)data;
        var at = 0;
        uint ReadUInt32(ReadOnlySpan<byte> s, string what)
        {
            if (s.Length - at < 4)
                throw new InvalidDataException($"batch payload: truncated at byte {at} ({what})");
            var v = BinaryPrimitives.ReadUInt32BigEndian(s[at..]);
            at += 4;
            return v;
        }
        if (ReadUInt32(span, "magic") != Magic)
            throw new InvalidDataException("batch payload: not a case batch (bad magic)");
        var version = ReadUInt32(span, "version");
        if (version != Version)
            throw new InvalidDataException($"batch payload: format version {version}, this tool reads {Version}");
        var count = ReadUInt32(span, "case count");
        var cases = new List<BatchCase>((int)Math.Min(count, 1 << 16));
        for (var i = 0u; i < count; i++)
        {
            if (at >= span.Length)
                throw new InvalidDataException($"batch payload: truncated at case {i} of {count}");
            var flag = span[at++];
            if (flag > 1)
                throw new InvalidDataException($"batch payload: case {i}: flag {flag} is neither 0 nor 1");
            var length = ReadUInt32(span, $"case {i} length");
            if (length > span.Length - at)
                throw new InvalidDataException($"batch payload: case {i}: {length} bytes announced, {span.Length - at} left");
            ReplayCase c;
            try
            {
                c = CaseBinary.Decode(span.Slice(at, (int)length));
            }
            catch (Exception e) when (e is not InvalidDataException and not OutOfMemoryException)
            {
                throw new InvalidDataException($"batch payload: case {i}: {e.Message}", e);
            }
            at += (int)length;
            cases.Add(new BatchCase(c, flag == 1));
        }
        if (at != span.Length)
            throw new InvalidDataException($"batch payload: {span.Length - at} bytes after the last case");
        return cases;
    }
}
