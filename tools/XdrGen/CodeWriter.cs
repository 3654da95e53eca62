using System.Text;

namespace Replay.Tools.XdrGen;

/// <summary>Indented C# text with "\n" line ends, so generation is byte-identical on every platform.</summary>
public sealed class CodeWriter
{
    private readonly StringBuilder _sb = new();
    private int _indent;

    public CodeWriter Line(string text = "")
    {
        if (text.Length > 0)
            _sb.Append(' ', _indent * 4).Append(text);
        _sb.Append('\n');
        return this;
    }

    public CodeWriter Open(string header)
    {
        Line(header);
        Line("{");
        _indent++;
        return this;
    }

    public CodeWriter Indent()
    {
        _indent++;
        return this;
    }

    public CodeWriter Outdent()
    {
        _indent--;
        return this;
    }

    public CodeWriter Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
        return this;
    }

    /// <summary>Writes an XML doc summary; the XDR source is quoted in a code block so readers see the schema.</summary>
    public CodeWriter Doc(string summary, string? source = null)
    {
        Line("/// <summary>");
        Line("/// " + Escape(summary));
        if (source is not null)
        {
            Line("/// <code>");
            foreach (var l in source.Split('\n'))
                Line(("/// " + Escape(l)).TrimEnd());
            Line("/// </code>");
        }
        Line("/// </summary>");
        return this;
    }

    private static string Escape(string s) => s.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    public override string ToString() => _sb.ToString();
}
