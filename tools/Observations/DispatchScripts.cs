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

    public static IReadOnlyDictionary<string, Action<ScriptHost>> All { get; } = Build();

    private static Dictionary<string, Action<ScriptHost>> Build()
    {
        var all = new Dictionary<string, Action<ScriptHost>>(StringComparer.Ordinal);
        foreach (var f in HostFunctionTable.All)
        {
            if (!f.SupportedAt(22))
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
        return all;
    }

    private static void Run(ScriptHost s, HostFunctionInfo f, Func<ScriptHost, Val[]> makeArgs)
    {
        s.Host.Budget.ResetCpu(ulong.MaxValue);
        s.Host.Budget.ResetMem(ulong.MaxValue);
        var wasm = SynthWasm.CallingHostFunction(f.Module, f.Export, f.Args.Count, 22);
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
        _ when IsObject(t) => Val.FromObjectHandle(BadHandle, Enum.Parse<Tag>(t.ToString())),
        _ => throw new InvalidOperationException($"the dispatch tests have no test value of type {t}"),
    };
}
