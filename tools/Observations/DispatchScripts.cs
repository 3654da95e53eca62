using System.Numerics;
using Replay.Soroban.Functions;
using Replay.Soroban.Objects;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;

namespace Replay.Tools.Observations;

/// <summary>
/// rs-soroban-env's generated dispatch tests <c>test__dispatch__invalid_object_handle_F_arg_N</c>
/// (soroban-env-host/src/test/dispatch.rs with its macro): for every host function supported at
/// protocol 22 and every argument of an object type, a contract that only calls F (built by
/// <see cref="SynthWasm"/>) is registered on a recording-footprint host whose budget was reset
/// to unlimited, then called with that argument an object of the right type whose handle (123)
/// does not exist, the other object arguments valid objects, the rest the test's fixed values;
/// the call fails with (Value, InvalidInput).
/// </summary>
public static class DispatchScripts
{
    private const uint BadHandle = 123;

    public static IReadOnlyDictionary<string, Action<ScriptHost>> All => Built.Value;

    /// <summary>
    /// The invalid-handle scripts of functions that exist from protocol 23 to 27 only (muxed
    /// addresses, get_address_executable, BN254, Poseidon, ...): their traces are in b03d2563's flat
    /// observations (generated at protocol 27), not in the protocol 22 directories.
    /// </summary>
    public static IReadOnlySet<string> AfterProtocol22 => BuiltAfter22.Value;

    private static readonly Lazy<HashSet<string>> BuiltAfter22 = new(() => new HashSet<string>(
        HostFunctionTable.All.Where(f => !f.SupportedAt(22) && f.SupportedAt(27))
            .SelectMany(f => f.Args.Select((a, i) => (a, i)).Where(t => IsObject(t.a.Type)).Select(t => $"test__dispatch__invalid_object_handle_{f.Name}_arg_{t.i}")),
        StringComparer.Ordinal));

    private static readonly Lazy<Dictionary<string, Action<ScriptHost>>> Built = new(Build);

    private static Dictionary<string, Action<ScriptHost>> Build()
    {
        var all = new Dictionary<string, Action<ScriptHost>>(StringComparer.Ordinal);
        // The generator takes every function supported at the test's ledger protocol: 22 for the
        // protocol 22 directories, 27 for b03d2563's flat observations.
        foreach (var f in HostFunctionTable.All)
        {
            if (!f.SupportedAt(22) && !f.SupportedAt(27))
                continue;
            if (f.Name == "recover_key_ecdsa_secp256k1")
            {
                all[$"test__dispatch__invalid_object_handle_{f.Name}_arg_0"] = s => Run(s, f, h =>
                {
                    var sig = h.Host.AddObject(new BytesObject(Convert.FromHexString(
                        "90f27b8b488db00b00606796d2987f6a5f59ae62ea05effe84fef5b8b0e549984a691139ad57a3f0b906637673aa2f63d1f55cb1a69199d4009eea23ceaddc93")));
                    return [Val.FromObjectHandle(BadHandle, Tag.BytesObject), sig, Val.FromU32(0)];
                });
                all[$"test__dispatch__invalid_object_handle_{f.Name}_arg_1"] = s => Run(s, f, h =>
                    [TestObject(h, ValType.BytesObject), Val.FromObjectHandle(BadHandle, Tag.BytesObject), Val.FromU32(1)]);
                continue;
            }
            for (var pos = 0; pos < f.Args.Count; pos++)
            {
                if (!IsObject(f.Args[pos].Type))
                    continue;
                var target = pos;
                all[$"test__dispatch__invalid_object_handle_{f.Name}_arg_{pos}"] = s => Run(s, f, h =>
                {
                    var args = new Val[f.Args.Count];
                    for (var i = 0; i < args.Length; i++)
                    {
                        var type = f.Args[i].Type;
                        args[i] = IsObject(type) && i != target
                            ? (f.Name == "verify_sig_ed25519" && i == 2
                                ? h.Host.AddObject(new BytesObject(new byte[64]))
                                : TestObject(h, type))
                            : TestVal(type);
                    }
                    return args;
                });
            }
        }
        foreach (var (name, script) in WrongArgType())
            all.Add(name, script);
        return all;
    }

    // The subtype edges the reference's generator declares (supertype, subtype).
    private static readonly (string Super, string Sub)[] Subtypes =
    [
        .. new[]
        {
            "Bool", "Void", "Error", "U32Val", "I32Val", "U64Small", "I64Small", "TimepointSmall", "DurationSmall",
            "U128Small", "I128Small", "U256Small", "I256Small", "SymbolSmall", "U64Object", "I64Object", "TimepointObject",
            "DurationObject", "U128Object", "I128Object", "U256Object", "I256Object", "BytesObject", "StringObject",
            "SymbolObject", "VecObject", "MapObject", "AddressObject", "Symbol", "U64Val", "U128Val", "I128Val", "U256Val",
            "I256Val", "DurationVal", "TimepointVal",
        }.Select(t => ("Val", t)),
        ("Symbol", "SymbolSmall"), ("U64Val", "U64Small"), ("U128Val", "U128Small"), ("I128Val", "I128Small"),
        ("U256Val", "U256Small"), ("I256Val", "I256Small"), ("DurationVal", "DurationSmall"), ("TimepointVal", "TimepointSmall"),
        ("Symbol", "SymbolObject"), ("U64Val", "U64Object"), ("U128Val", "U128Object"), ("I128Val", "I128Object"),
        ("U256Val", "U256Object"), ("I256Val", "I256Object"), ("DurationVal", "DurationObject"), ("TimepointVal", "TimepointObject"),
    ];

    /// <summary>
    /// <c>test__dispatch__dispatch_with_wrong_arg_type_F</c>: for each candidate type an argument of
    /// a protocol-22 host function has, the first such function and argument; the contract calling F
    /// is called once per candidate type unrelated to that argument's type (neither it, an ancestor
    /// nor a descendant; in ordinal name order) with that type's test value there and every other
    /// argument its own type's test value.
    /// </summary>
    private static IEnumerable<(string, Action<ScriptHost>)> WrongArgType()
    {
        var candidates = new SortedSet<string>(Subtypes.SelectMany(e => new[] { e.Super, e.Sub }), StringComparer.Ordinal);
        var below = Closure(Subtypes.Select(e => (e.Super, e.Sub)));
        var above = Closure(Subtypes.Select(e => (e.Sub, e.Super)));
        var firstUse = new SortedDictionary<string, (HostFunctionInfo F, int Pos)>(StringComparer.Ordinal);
        foreach (var f in HostFunctionTable.All)
        {
            if (!f.SupportedAt(22))
                continue;
            for (var i = 0; i < f.Args.Count; i++)
                firstUse.TryAdd(f.Args[i].Type.ToString(), (f, i));
        }
        foreach (var (type, (f, pos)) in firstUse)
        {
            if (!candidates.Contains(type))
                continue;
            var wrong = candidates.Where(t => t != type
                && !(below.TryGetValue(t, out var b) && b.Contains(type))
                && !(above.TryGetValue(t, out var a) && a.Contains(type))).ToArray();
            yield return ($"test__dispatch__dispatch_with_wrong_arg_type_{f.Name}", s =>
            {
                s.Host.Budget.ResetCpu(ulong.MaxValue);
                s.Host.Budget.ResetMem(ulong.MaxValue);
                var id = s.RegisterTestContractWasm(SynthWasm.CallingHostFunction(f.Module, f.Export, f.Args.Count, 22));
                foreach (var t in wrong)
                {
                    var args = new Val[f.Args.Count];
                    for (var i = 0; i < args.Length; i++)
                        args[i] = i == pos ? TestValNamed(t) : TestVal(f.Args[i].Type);
                    s.Try("call", id, SymbolSmall.FromString("test"), s.Host.AddObject(new VecObject(args)));
                }
            });
        }
    }

    private static Dictionary<string, HashSet<string>> Closure(IEnumerable<(string From, string To)> edges)
    {
        var direct = edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).ToList());
        var result = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var from in direct.Keys)
        {
            var set = new HashSet<string>(StringComparer.Ordinal);
            var stack = new Stack<string>(direct[from]);
            while (stack.Count > 0)
            {
                var t = stack.Pop();
                if (set.Add(t) && direct.TryGetValue(t, out var next))
                    foreach (var n in next)
                        stack.Push(n);
            }
            result[from] = set;
        }
        return result;
    }

    private static Val TestValNamed(string t) => t switch
    {
        "U64Small" => Val.FromSmallUnsigned(123, Tag.U64Small),
        "I64Small" => Val.FromSmallSigned(-123, Tag.I64Small),
        "TimepointSmall" => Val.FromSmallUnsigned(123, Tag.TimepointSmall),
        "DurationSmall" => Val.FromSmallUnsigned(123, Tag.DurationSmall),
        "U128Small" => Val.FromSmallUnsigned(123, Tag.U128Small),
        "I128Small" => Val.FromSmallSigned(-123, Tag.I128Small),
        "U256Small" => Val.FromSmallUnsigned(123, Tag.U256Small),
        "I256Small" => Val.FromSmallSigned(-123, Tag.I256Small),
        "SymbolSmall" => SymbolSmall.FromString("abc"),
        _ => TestVal(Enum.Parse<ValType>(t)),
    };

    private static void Run(ScriptHost s, HostFunctionInfo f, Func<ScriptHost, Val[]> makeArgs)
    {
        s.Host.Budget.ResetCpu(ulong.MaxValue);
        s.Host.Budget.ResetMem(ulong.MaxValue);
        // The contract's interface version: 22 as at d230d7d5; functions newer than that need the
        // flat traces' 27 to link.
        var wasm = SynthWasm.CallingHostFunction(f.Module, f.Export, f.Args.Count, f.SupportedAt(22) ? 22u : 27u);
        var id = s.RegisterTestContractWasm(wasm);
        var args = s.Host.AddObject(new VecObject(makeArgs(s)));
        s.Try("call", id, SymbolSmall.FromString("test"), args);
    }

    private static bool IsObject(ValType t) => t.ToString().EndsWith("Object", StringComparison.Ordinal);

    // The test's TestObject values, added to the object table (HostMap::from_map is metered).
    private static Val TestObject(ScriptHost s, ValType t)
    {
        var h = s.Host;
        return t switch
        {
            ValType.U64Object => h.AddObject(new U64Object(ulong.MaxValue)),
            ValType.I64Object => h.AddObject(new I64Object(long.MaxValue)),
            ValType.TimepointObject => h.AddObject(new TimepointObject(ulong.MaxValue)),
            ValType.DurationObject => h.AddObject(new DurationObject(ulong.MaxValue)),
            ValType.U128Object => h.AddObject(new U128Object(UInt128.MaxValue)),
            ValType.I128Object => h.AddObject(new I128Object(Int128.MaxValue)),
            ValType.U256Object => h.AddObject(new U256Object((BigInteger.One << 256) - 1)),
            ValType.I256Object => h.AddObject(new I256Object((BigInteger.One << 255) - 1)),
            ValType.BytesObject => h.AddObject(new BytesObject(new byte[32])),
            ValType.StringObject => h.AddObject(new StringObject([])),
            ValType.SymbolObject => h.AddObject(new SymbolObject([])),
            ValType.VecObject => h.AddObject(new VecObject([Val.Void])),
            ValType.MapObject => h.AddObject(h.MapFromMap([new MapEntry(Val.Void, Val.Void)])),
            ValType.AddressObject => h.AddObject(new AddressObject(new SCAddress.Contract(Hash.FromBytes(new byte[32])))),
            ValType.MuxedAddressObject => h.AddObject(new MuxedAddressObject(new SCAddress.MuxedAccount(
                new MuxedEd25519Account { Id = 0, Ed25519 = Uint256.FromBytes(new byte[32]) }))),
            _ => throw new InvalidOperationException($"the dispatch tests have no test object of type {t}"),
        };
    }

    // The test's TestVal values (an object type's is a handle that does not exist).
    private static Val TestVal(ValType t) => t switch
    {
        ValType.Val or ValType.Void => Val.Void,
        ValType.Bool => Val.False,
        ValType.Error => Val.FromError(SCErrorType.Context, (uint)SCErrorCode.ExceededLimit),
        ValType.U32Val => Val.FromU32(123),
        ValType.I32Val => Val.FromI32(-123),
        ValType.U64Val => Val.FromSmallUnsigned(123, Tag.U64Small),
        ValType.I64Val => Val.FromSmallSigned(-123, Tag.I64Small),
        ValType.TimepointVal => Val.FromSmallUnsigned(123, Tag.TimepointSmall),
        ValType.DurationVal => Val.FromSmallUnsigned(123, Tag.DurationSmall),
        ValType.U128Val => Val.FromSmallUnsigned(123, Tag.U128Small),
        ValType.I128Val => Val.FromSmallSigned(-123, Tag.I128Small),
        ValType.U256Val => Val.FromSmallUnsigned(123, Tag.U256Small),
        ValType.I256Val => Val.FromSmallSigned(-123, Tag.I256Small),
        ValType.Symbol => SymbolSmall.FromString("abc"),
        ValType.StorageType => Val.FromU32(1),
        ValType.ContractTtlExtension => Val.FromU32(0),
        _ when IsObject(t) => Val.FromObjectHandle(BadHandle, Enum.Parse<Tag>(t.ToString())),
        _ => throw new InvalidOperationException($"the dispatch tests have no test value of type {t}"),
    };
}
