using System.Globalization;
using System.Text;

namespace Replay.Stellar.Xdr;

/// <summary>
/// The one exception the codec throws for bad XDR (or an unencodable value): it names where in
/// the value the problem is (e.g. <c>LedgerCloseMeta.v2.txProcessing[12].feeProcessing[0]</c>)
/// and the byte offset at which it was found, so a bad ledger can be located without a debugger.
/// </summary>
public sealed class XdrException : Exception
{
    // Segments are collected innermost-first while the exception unwinds through the decoders,
    // which keeps the happy path free of any path bookkeeping.
    private readonly List<string> _reversedSegments = [];

    public XdrException(string reason, long offset)
        : base(reason)
    {
        Reason = reason;
        Offset = offset;
    }

    /// <param name="endOfInput">True when the value may be fine but the input stops before it does (see <see cref="EndOfInput"/>).</param>
    public XdrException(string reason, long offset, bool endOfInput)
        : this(reason, offset)
    {
        EndOfInput = endOfInput;
    }

    public XdrException(string reason, long offset, Exception inner)
        : base(reason, inner)
    {
        Reason = reason;
        Offset = offset;
    }

    public XdrException()
        : this("invalid XDR", 0)
    {
    }

    public XdrException(string message)
        : this(message, 0)
    {
    }

    public XdrException(string message, Exception innerException)
        : this(message, 0, innerException)
    {
    }

    /// <summary>What is wrong, without the location.</summary>
    public string Reason { get; }

    /// <summary>
    /// The input ended (or a length or count reaches past its end) before the value did: the bytes
    /// read so far are consistent, so a reader holding only part of a stream can fetch more and retry.
    /// </summary>
    public bool EndOfInput { get; }

    /// <summary>Byte offset from the start of the decoded input (or of the written output).</summary>
    public long Offset { get; private set; }

    /// <summary>Where in the value: root type, then <c>.field</c>, <c>.arm</c> and <c>[index]</c> steps.</summary>
    public string Path
    {
        get
        {
            var sb = new StringBuilder();
            for (var i = _reversedSegments.Count - 1; i >= 0; i--)
                sb.Append(_reversedSegments[i]);
            return sb.ToString();
        }
    }

    public override string Message =>
        string.Create(CultureInfo.InvariantCulture, $"{(Path.Length == 0 ? "<value>" : Path)} at byte {Offset}: {Reason}");

    /// <summary>Adds an outer step (".name" for a field or arm, a type name for the root).</summary>
    public void PrependSegment(string segment) => _reversedSegments.Add(segment);

    /// <summary>Adds an outer array index step.</summary>
    public void PrependIndex(int index) =>
        _reversedSegments.Add(string.Create(CultureInfo.InvariantCulture, $"[{index}]"));

    /// <summary>
    /// <see cref="PrependSegment"/> for use as an exception filter: always false, so the decoders
    /// record the path while the runtime searches for a handler and never catch and rethrow.
    /// Rethrowing from hundreds of nested catch blocks would exhaust the stack on deep input.
    /// </summary>
    public bool Trace(string segment)
    {
        PrependSegment(segment);
        return false;
    }

    /// <summary><see cref="PrependIndex"/> as an exception filter; always false.</summary>
    public bool TraceIndex(int index)
    {
        PrependIndex(index);
        return false;
    }

    /// <summary>Shifts the offset when the decoded bytes sit inside a larger file or stream.</summary>
    public void AddBaseOffset(long baseOffset) => Offset += baseOffset;
}
