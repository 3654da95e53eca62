using System.Globalization;
using System.Text;

namespace Replay.Stellar.Json;

/// <summary>JSON that does not describe a value of the requested XDR type; <see cref="Path"/> says where.</summary>
public sealed class XdrJsonException : Exception
{
    private readonly List<string> _reversedSegments = [];

    public XdrJsonException(string reason)
        : base(reason)
    {
        Reason = reason;
    }

    public XdrJsonException()
        : this("invalid JSON for an XDR value")
    {
    }

    public XdrJsonException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    public string Reason { get; } = "";

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

    public override string Message => Path.Length == 0 ? Reason : $"{Path}: {Reason}";

    public void PrependSegment(string segment) => _reversedSegments.Add(segment);

    /// <summary>Records a path step from an exception filter; always false (see Xdr.XdrException.Trace).</summary>
    public bool Trace(string segment)
    {
        _reversedSegments.Add(segment);
        return false;
    }

    public bool TraceIndex(int index)
    {
        _reversedSegments.Add(string.Create(CultureInfo.InvariantCulture, $"[{index}]"));
        return false;
    }
}
