using System.Globalization;

namespace Replay.Stellar.Streams;

/// <summary>A container (record marks, compression, batch framing) is malformed; the offset locates it.</summary>
public sealed class StreamFormatException : Exception
{
    public StreamFormatException(string reason, long offset)
        : base(string.Create(CultureInfo.InvariantCulture, $"at byte {offset}: {reason}"))
    {
        Offset = offset;
    }

    public StreamFormatException()
    {
    }

    public StreamFormatException(string message)
        : base(message)
    {
    }

    public StreamFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public long Offset { get; }
}
