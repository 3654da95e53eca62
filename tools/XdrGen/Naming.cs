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
        var s = sb.ToString();
        return char.IsDigit(s[0]) ? "_" + s : s;
    }

    /// <summary>snake_case as the Stellar CLI's JSON writes field and variant names.</summary>
    public static string Snake(string name) =>
        string.Join('_', Words(name).Select(w => w.ToLowerInvariant()));

    /// <summary>Strips the member prefix unless that would leave a name starting with a digit.</summary>
    public static string StripPrefix(string member, string prefix)
    {
        if (prefix.Length == 0 || !member.StartsWith(prefix, StringComparison.Ordinal))
            return member;
        var rest = member[prefix.Length..];
        return rest.Length == 0 || char.IsDigit(rest[0]) ? member : rest;
    }
}
