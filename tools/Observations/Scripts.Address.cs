using System.Text;
using Replay.Soroban.Objects;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;

namespace Replay.Tools.Observations;

/// <summary>
/// rs-soroban-env's strkey conversion tests (soroban-env-host/src/test/address.rs) ported as
/// scripts: at d230d7d5 (observations/22) the account and contract conversions and the invalid
/// strkeys; at b03d2563 (the flat observations, protocol 27) the same tests with that commit's longer
/// list of invalid strkeys, and the muxed-address variants (strkey_to_muxed_address,
/// muxed_address_to_strkey, protocol 26 on). Objects the Rust tests add directly
/// (<c>add_host_object</c>, charged, untraced) are added with <see cref="Replay.Soroban.Host.Host.AddObject"/>;
/// <c>extract_string</c> is a charged visit; <c>host.compare</c> of two objects is
/// <see cref="Replay.Soroban.Host.Host.CompareVals"/>.
/// </summary>
public static class AddressScripts
{
    private static readonly byte[] AccountKey = Convert.FromHexString("3f0c34bf93ad0d9971d04ccc90f705511c838aad9734a4a2fb0d7a03fc7fe89a");

    private const string AccountStrkey = "GA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVSGZ";

    private const string ContractStrkey = "CA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJUWDA";

    private const string MuxedStrkey = "MA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJUAAAAAAAAAAAACJUQ";

    public static IReadOnlyDictionary<string, Action<ScriptHost>> All { get; } = new Dictionary<string, Action<ScriptHost>>(StringComparer.Ordinal)
    {
        ["test__address__test_account_address_conversions"] = s => Conversions(s, account: true, muxed: false),
        ["test__address__test_contract_address_conversions"] = s => Conversions(s, account: false, muxed: false),
        ["test__address__test_account_address_conversions_with_muxed_address"] = s => Conversions(s, account: true, muxed: true),
        ["test__address__test_contract_address_conversions_with_muxed_address"] = s => Conversions(s, account: false, muxed: true),
        ["test__address__invalid_strkey_to_address_conversion"] = s =>
        {
            Invalid(s, "strkey_to_address");
            if (s.Host.Protocol >= 27)
                s.Try("strkey_to_address", Str(s, MuxedStrkey));
        },
        ["test__address__invalid_strkey_to_muxed_address_conversion"] = s => Invalid(s, "strkey_to_muxed_address"),
        ["test__address__invalid_muxed_address_to_strkey_conversion"] = s =>
        {
            s.Try("muxed_address_to_strkey", Val.Void);
            var vec = s.Call("vec_new");
            s.Try("muxed_address_to_strkey", vec);
        },
        ["test__lifecycle__cap_68_executable_getter__get_non_existent_executable"] = s =>
        {
            s.UseRecordingFootprint();
            var contract = s.Host.AddObject(new AddressObject(new SCAddress.Contract(Hash.FromBytes(new byte[32]))));
            var account = s.Host.AddObject(new AddressObject(ZeroAccount));
            Expect(s.Call("get_address_executable", contract) == Val.Void);
            Expect(s.Call("get_address_executable", account) == Val.Void);
        },
        ["test__lifecycle__cap_68_executable_getter__get_account_executable"] = s =>
        {
            s.UseRecordingFootprint();
            // testutils create_account: the key (Rc::metered_new), the entry put into storage.
            var id = ((SCAddress.Account)ZeroAccount).Value;
            s.Host.Budget.Charge(ContractCostType.MemAlloc, Replay.Soroban.Budget.DeclaredSize.LedgerKey);
            s.Host.AddLedgerEntry(new LedgerKey.Account(new LedgerKeyAccount { AccountID = id }), new LedgerEntry
            {
                LastModifiedLedgerSeq = 0,
                Data = new LedgerEntryData.Account(new AccountEntry
                {
                    AccountID = id,
                    HomeDomain = XdrString.Empty,
                    Thresholds = Thresholds.FromBytes(new byte[4]),
                    Signers = [],
                    Ext = AccountEntryExt.V0.Instance,
                }),
                Ext = LedgerEntryExt.V0.Instance,
            }, null);
            var account = s.Host.AddObject(new AddressObject(ZeroAccount));
            Expect(ExecutableCase(s, s.Call("get_address_executable", account)) == 2);
        },
        ["test__lifecycle__cap_68_executable_getter__get_stellar_asset_contract_executable"] = s =>
        {
            s.UseRecordingFootprint();
            // The test build checks for a native test contract at every contract call.
            s.Host.TestBuildCharges = true;
            // TestStellarAssetContract::new_from_asset(Asset::Native).
            var contract = s.Call("create_asset_contract", s.Host.BytesNewFromSlice(Asset.Native.Instance.ToXdr()));
            Expect(ExecutableCase(s, s.Call("get_address_executable", contract)) == 1);
        },
        ["test__address__test_muxed_address_to_components_conversion"] = s =>
        {
            var muxed = s.Host.AddObject(new MuxedAddressObject(new SCAddress.MuxedAccount(new MuxedEd25519Account
            {
                Id = 123,
                Ed25519 = Uint256.FromBytes(Enumerable.Repeat((byte)10, 32).ToArray()),
            })));
            var address = s.Call("get_address_from_muxed_address", muxed);
            var id = s.Call("get_id_from_muxed_address", muxed);
            s.Host.FromHostVal(address);
            s.Host.FromHostVal(id);
        },
        ["test__address__test_muxed_address_strkey_conversions"] = s =>
        {
            var muxed = s.Host.AddObject(new MuxedAddressObject(Muxed(0)));
            var strkey = s.Call("muxed_address_to_strkey", muxed);
            Extract(s, strkey, MuxedStrkey);
            var converted = s.Call("strkey_to_muxed_address", strkey);
            s.Host.CompareVals(muxed, converted);
            var muxed2 = s.Host.AddObject(new MuxedAddressObject(Muxed(12345678901234567890)));
            var strkey2 = s.Call("muxed_address_to_strkey", muxed2);
            var converted2 = s.Call("strkey_to_muxed_address", strkey2);
            s.Host.CompareVals(muxed2, converted2);
            var fromBytes = s.Call("strkey_to_muxed_address", Bytes(s, Encoding.ASCII.GetBytes(MuxedStrkey)));
            s.Host.CompareVals(muxed, fromBytes);
        },
    };

    private static SCAddress ZeroAccount => new SCAddress.Account(new PublicKey.PublicKeyTypeEd25519(Uint256.FromBytes(new byte[32])));

    private static void Expect(bool condition)
    {
        if (!condition)
            throw new InvalidOperationException("the test's assertion fails on this host");
    }

    // AddressExecutable::try_from_val: the case symbol (vec_get 0), its index among the cases.
    private static int ExecutableCase(ScriptHost s, Val executable)
    {
        var discriminant = s.Call("vec_get", executable, Val.FromU32(0));
        return s.Host.SymbolIndexInStrs(discriminant, ["Wasm", "StellarAsset", "Account"]);
    }

    private static SCAddress Muxed(ulong id) =>
        new SCAddress.MuxedAccount(new MuxedEd25519Account { Id = id, Ed25519 = Uint256.FromBytes(AccountKey) });

    private static Val Str(ScriptHost s, string text) => s.Host.AddObject(new StringObject(Encoding.ASCII.GetBytes(text)));

    private static Val Bytes(ScriptHost s, byte[] bytes) => s.Host.AddObject(new BytesObject(bytes));

    // extract_string: a charged visit of the string object, whose text the test checks.
    private static void Extract(ScriptHost s, Val strkey, string expected)
    {
        var text = Encoding.ASCII.GetString(((StringObject)s.Host.VisitUntyped(strkey)).Bytes);
        if (text != expected)
            throw new InvalidOperationException($"strkey {text}, the test expects {expected}");
    }

    // run_test_{account,contract}_address_conversions: to a strkey and back, then from a bytes object.
    private static void Conversions(ScriptHost s, bool account, bool muxed)
    {
        var toStrkey = muxed ? "muxed_address_to_strkey" : "address_to_strkey";
        var fromStrkey = muxed ? "strkey_to_muxed_address" : "strkey_to_address";
        SCAddress address = account
            ? new SCAddress.Account(new PublicKey.PublicKeyTypeEd25519(Uint256.FromBytes(AccountKey)))
            : new SCAddress.Contract(Hash.FromBytes(AccountKey));
        var text = account ? AccountStrkey : ContractStrkey;
        var addressObj = s.Host.AddObject(new AddressObject(address));
        var strkey = s.Call(toStrkey, addressObj);
        Extract(s, strkey, text);
        var converted = s.Call(fromStrkey, strkey);
        s.Host.CompareVals(addressObj, converted);
        var fromBytes = s.Call(fromStrkey, Bytes(s, Encoding.ASCII.GetBytes(text)));
        s.Host.CompareVals(addressObj, fromBytes);
    }

    // run_test_invalid_strkey_to_address (and, at d230d7d5, the test's own list): every call fails.
    private static void Invalid(ScriptHost s, string function)
    {
        void Fail(Val v)
        {
            if (s.Try(function, v) is not null)
                throw new InvalidOperationException($"{function} accepted an invalid strkey");
        }

        string[] common =
        [
            "", "GAAAAAAAACGC6",
            "GA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVSG",
            "GA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVSGZZ",
            "GA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVSGZA",
            "DA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJUWDA",
        ];
        foreach (var t in common)
            Fail(Str(s, t));
        if (s.Host.Protocol < 27)
            Fail(Str(s, MuxedStrkey));
        Fail(Str(s, "SBU2RRGLXH3E5CQHTD3ODLDF2BWDCYUSSBLLZ5GNW7JXHDIYKXZWHOKR"));
        Fail(Str(s, "TBU2RRGLXH3E5CQHTD3ODLDF2BWDCYUSSBLLZ5GNW7JXHDIYKXZWHXL7"));
        Fail(Str(s, "XBU2RRGLXH3E5CQHTD3ODLDF2BWDCYUSSBLLZ5GNW7JXHDIYKXZWGTOG"));
        Fail(Str(s, "PA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJUAAAAAQACAQDAQCQMBYIBEFAWDANBYHRAEISCMKBKFQXDAMRUGY4DUPB6IBZGM"));
        if (s.Host.Protocol < 27)
            return;
        string[] more =
        [
            "LA3D5KRYM6CB7OWQ6TWYRR3Z4T7GNZLKERYNZGGA5SOAOPIFY6YQGZ5J",
            "BAADMPVKHBTYIH522D2O3CGHPHSP4ZXFNISHBXEYYDWJYBZ5AXD3CA3GDE",
            "GA0QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVSGZ",
            "GA1QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVSGZ",
            "GA8QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVSGZ",
            "GA9QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVSGZ",
            "ga7qynf7sowq3glr2bgmzehxavirza4kvwltjjfc7mgxua74p7ujvsgz",
            "GA!QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVSGZ",
            "GA QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVSGZ",
        ];
        foreach (var t in more)
            Fail(Str(s, t));
        Fail(Bytes(s, Enumerable.Repeat((byte)0x80, 56).ToArray()));
        var overlong = Enumerable.Repeat((byte)'G', 56).ToArray();
        overlong[0] = 0xC0;
        overlong[1] = 0x80;
        Fail(Bytes(s, overlong));
        var truncated = Enumerable.Repeat((byte)'A', 56).ToArray();
        truncated[0] = 0xE0;
        Fail(Bytes(s, truncated));
    }
}
