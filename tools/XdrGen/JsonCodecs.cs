namespace Replay.Tools.XdrGen;

/// <summary>
/// Produces the JSON write statement and read expression for one shape, in the Stellar CLI's
/// format. Arrays and optionals go through named helpers collected here, like <see cref="Codecs"/>.
/// </summary>
public sealed class JsonCodecs
{
    /// <summary>Types with a custom JSON form (strkeys, decimal big integers, asset code strings), written by hand in XdrJsonSpecial.</summary>
    public static readonly IReadOnlySet<string> SpecialTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "PublicKey", "MuxedAccount", "MuxedAccountMed25519", "MuxedEd25519Account", "SignerKey",
        "SignerKeyEd25519SignedPayload", "SCAddress", "ClaimableBalanceID", "Int128Parts", "UInt128Parts",
        "Int256Parts", "UInt256Parts", "AssetCode",
    };

    private readonly SortedDictionary<string, Shape> _helpers = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, Shape> Helpers => _helpers;

    public string Write(Shape s, string value)
    {
        switch (s.Kind)
        {
            case ShapeKind.Int or ShapeKind.UInt: return $"j.WriteNumberValue({value});";
            case ShapeKind.Hyper or ShapeKind.UHyper: return $"XdrJson.WriteInteger(j, {value});";
            case ShapeKind.Bool: return $"j.WriteBooleanValue({value});";
            case ShapeKind.VarOpaque: return $"XdrJson.WriteHex(j, {value});";
            case ShapeKind.String: return $"XdrJson.WriteEscaped(j, {value}.Bytes);";
            case ShapeKind.Fixed: return FixedWrite(s, value);
            case ShapeKind.Struct or ShapeKind.Union: return $"{value}.WriteJson(j);";
            case ShapeKind.Enum: return $"XdrEnum.WriteJson(j, {value});";
            default:
                Register(s);
                return $"XdrShapes.WriteJson{ShapeResolver.Mangle(s)}(j, {value});";
        }
    }

    private static string FixedWrite(Shape s, string value) => s switch
    {
        { Alias: "ContractID" } => $"XdrJson.WriteStrKey(j, Replay.Stellar.Domain.StrKeyKind.Contract, {value}.ToArray());",
        { Alias: "PoolID" } => $"XdrJson.WriteStrKey(j, Replay.Stellar.Domain.StrKeyKind.LiquidityPool, {value}.ToArray());",
        { Name: "AssetCode4" or "AssetCode12" } => $"XdrJson.WriteAssetCode(j, {value}.ToArray());",
        _ when s.Name!.StartsWith("Opaque", StringComparison.Ordinal) => $"XdrJson.WriteByteList(j, {value}.ToArray());",
        _ => $"XdrJson.WriteHex(j, {value}.ToArray());",
    };

    public string Read(Shape s, string e, Func<string, string> q)
    {
        switch (s.Kind)
        {
            case ShapeKind.Int: return $"XdrJson.ReadInt32({e})";
            case ShapeKind.UInt: return $"XdrJson.ReadUInt32({e})";
            case ShapeKind.Hyper: return $"XdrJson.ReadInt64({e})";
            case ShapeKind.UHyper: return $"XdrJson.ReadUInt64({e})";
            case ShapeKind.Bool: return $"XdrJson.ReadBool({e})";
            case ShapeKind.VarOpaque: return $"XdrJson.ReadHex({e}, {Codecs.Limit(s.Max)})";
            case ShapeKind.String: return $"new XdrString(XdrJson.ReadEscaped({e}, {Codecs.Limit(s.Max)}))";
            case ShapeKind.Fixed:
                var type = q(s.Name!);
                return s switch
                {
                    { Alias: "ContractID" } => $"{type}.FromBytes(XdrJson.ReadStrKey({e}, Replay.Stellar.Domain.StrKeyKind.Contract))",
                    { Alias: "PoolID" } => $"{type}.FromBytes(XdrJson.ReadStrKey({e}, Replay.Stellar.Domain.StrKeyKind.LiquidityPool))",
                    { Name: "AssetCode4" or "AssetCode12" } => $"{type}.FromBytes(XdrJson.ReadAssetCode({e}, {type}.Length))",
                    _ when s.Name!.StartsWith("Opaque", StringComparison.Ordinal) => $"{type}.FromBytes(XdrJson.ReadByteList({e}, {type}.Length))",
                    _ => $"{type}.FromBytes(XdrJson.ReadHexFixed({e}, {type}.Length))",
                };
            case ShapeKind.Struct or ShapeKind.Union: return $"{q(s.Name!)}.ReadJson({e})";
            case ShapeKind.Enum: return $"XdrEnum.ReadJson{s.Name}({e})";
            default:
                Register(s);
                return $"XdrShapes.ReadJson{ShapeResolver.Mangle(s)}({e})";
        }
    }

    private void Register(Shape s)
    {
        _helpers.TryAdd(ShapeResolver.Mangle(s), s);
        if (s.Element is { } el && el.Kind is ShapeKind.VarArray or ShapeKind.FixedArray or ShapeKind.Optional)
            Register(el);
    }
}
