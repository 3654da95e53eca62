using System.Globalization;

namespace Replay.Stellar.Streams;

/// <summary>
/// A container (record marks, compression, batch framing) is malformed or is not ledger data; the
/// offset locates the problem in the decompressed content and <see cref="SourceName"/> says in what.
/// </summary>
public sealed class StreamFormatException : Exception
{
    public StreamFormatException(string reason, long offset)
        : this(reason, offset, null, null)
    {
    }

    public StreamFormatException(string reason, long offset, string? sourceName, Exception? innerException = null)
        : base(Format(sourceName, reason, offset), innerException)
    {
        Reason = reason;
        Offset = offset;
        SourceName = sourceName;
    }

    public StreamFormatException()
        : this("malformed ledger container", 0)
    {
    }

    public StreamFormatException(string message)
        : this(message, 0)
    {
    }

    public StreamFormatException(string message, Exception innerException)
        : this(message, 0, null, innerException)
    {
    }

    /// <summary>What is wrong, without the location.</summary>
    public string Reason { get; }

    public long Offset { get; }

    /// <summary>The file or object being read, when the reader was told (null otherwise).</summary>
    public string? SourceName { get; }

    /// <summary>The message without the source name: "at byte N: reason".</summary>
    public string Detail => Format(null, Reason, Offset);

    private static string Format(string? sourceName, string reason, long offset) => sourceName is null
        ? string.Create(CultureInfo.InvariantCulture, $"at byte {offset}: {reason}")
        : string.Create(CultureInfo.InvariantCulture, $"{sourceName}: at byte {offset}: {reason}");
}
