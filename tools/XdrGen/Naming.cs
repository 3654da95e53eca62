using System.Text;

namespace Replay.Tools.XdrGen;

/// <summary>Turns XDR spellings (SCREAMING_CASE members, camelCase fields) into C# and JSON names.</summary>
public static class Naming
{
    /// <summary>Words of an identifier: split at underscores and at lower-to-upper case changes.</summary>
    public static List<string> Words(string name)
    {
        var words = new List<string>();
        foreach (var part in name.Split('_', StringSplitOptions.RemoveEmptyEntries))
        {
            var start = 0;
            for (var i = 1; i < part.Length; i++)
            {
                var prev = part[i - 1];
                var cur = part[i];
                var lowerToUpper = (char.IsLower(prev) || char.IsDigit(prev)) && char.IsUpper(cur);
                // "IDType" -> "ID", "Type": an upper run ends before the upper letter that starts a word.
                var acronymEnd = char.IsUpper(prev) && char.IsUpper(cur) && i + 1 < part.Length && char.IsLower(part[i + 1]);
                if (lowerToUpper || acronymEnd)
                {
                    words.Add(part[start..i]);
                    start = i;
                }
            }
            words.Add(part[start..]);
        }
        return words;
    }

    /// <summary>C# type or property name: each underscore-separated part with its first letter upper-cased.</summary>
    public static string Pascal(string name) =>
        string.Concat(name.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    /// <summary>C# name for an enum member or union case: "SCV_LEDGER_KEY_NONCE" -> "LedgerKeyNonce" (after prefix strip).</summary>
    public static string MemberPascal(string name)
    {
        var sb = new StringBuilder();
        foreach (var w in Words(name))
        {
            var allUpper = w.All(c => !char.IsLower(c));
            sb.Append(char.ToUpperInvariant(w[0]));
            sb.Append(allUpper ? w[1..].ToLowerInvariant() : w[1..]);
        }
        return sb.ToString();
    }

    /// <summary>snake_case as the Stellar CLI's JSON writes field and variant names.</summary>
    public static string Snake(string name) =>
        string.Join('_', Words(name).Select(w => w.ToLowerInvariant()));

    /// <summary>
    /// Strips the member prefix. A rest starting with a digit keeps the prefix's first letter
    /// (BINARY_FUSE_FILTER_8_BIT becomes B8Bit), which is also how the Stellar CLI's JSON names it.
    /// </summary>
    public static string StripPrefix(string member, string prefix)
    {
        if (prefix.Length == 0 || !member.StartsWith(prefix, StringComparison.Ordinal) || member.Length == prefix.Length)
            return member;
        var rest = member[prefix.Length..];
        return char.IsDigit(rest[0]) ? prefix[0] + rest : rest;
    }

    /// <summary>The type name the Stellar CLI (rs-stellar-xdr) uses: SCVal is ScVal, AccountID is AccountId.</summary>
    public static string RustTypeName(string xdrName)
    {
        // Rust's prelude already has an Error type, so the overlay's Error struct is renamed there.
        if (xdrName == "Error")
            return "SError";
        return string.Concat(Words(xdrName).Select(w => char.ToUpperInvariant(w[0]) + w[1..].ToLowerInvariant()));
    }

    private static readonly HashSet<string> RustKeywords = new(StringComparer.Ordinal)
    {
        "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for", "if", "impl", "in",
        "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "static", "struct", "super",
        "trait", "true", "type", "unsafe", "use", "where", "while", "async", "await", "dyn",
    };

    /// <summary>JSON name of a struct field: snake_case, with Rust keywords suffixed by "_" (type becomes type_).</summary>
    public static string JsonFieldName(string xdrField)
    {
        var snake = Snake(xdrField);
        return RustKeywords.Contains(snake) ? snake + "_" : snake;
    }
}
