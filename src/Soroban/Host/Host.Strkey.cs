using Replay.Soroban.Budget;
using Replay.Soroban.Objects;
using Replay.Soroban.Values;
using Replay.Stellar.Domain;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Host;

// Module "a": strkey conversions and executables (fact: host.rs address_to_strkey,
// strkey_to_address, get_address_executable at every linked commit; strkey_to_muxed_address,
// muxed_address_to_strkey and host/conversion.rs non_muxed_sc_address_to_strkey,
// muxed_sc_address_to_strkey, strkey_to_scaddress from b351f88a; builtin_contracts/common_types.rs
// AddressExecutable; the stellar-strkey crate each host links: 0.0.8 (7eeddd89, p20-21), 0.0.9
// (1cd8b8dc, p22), 0.0.13 (688bc34e on)). The strkey codec itself is Replay.Stellar's.
public sealed partial class Host
{
    // An account or contract strkey: version byte + 32 bytes + 2 checksum bytes, in base32.
    private const ulong StrkeyPayloadLength = 32 + 3;
    private const ulong StrkeyLength = (StrkeyPayloadLength * 8 + 4) / 5; // 56

    // A muxed account strkey: version byte + 32-byte key + 8-byte id + 2 checksum bytes.
    private const ulong MuxedStrkeyPayloadLength = 32 + 8 + 3;
    private const ulong MuxedStrkeyLength = (MuxedStrkeyPayloadLength * 8 + 4) / 5; // 69

    /// <summary>
    /// <c>address_to_strkey</c>: the encoding approximated as a bulk copy of the payload plus its
    /// base32 length (35 + 56 bytes), a metered clone of the 32-byte key or hash, then the strkey
    /// ('G…' or 'C…') as a new string object.
    /// </summary>
    internal Val AddressToStrkey(Val address)
    {
        var a = Visit<AddressObject>(address).Address;
        var text = NonMuxedScAddressToStrkey(a, address);
        return AddObject(new StringObject(System.Text.Encoding.ASCII.GetBytes(text)));
    }

    /// <summary>
    /// <c>muxed_address_to_strkey</c> (protocol 26 on): an address object as <see cref="AddressToStrkey"/>
    /// does, a muxed address object as an 'M…' strkey (charged for 43 + 69 bytes); a non-object is
    /// (Value, UnexpectedType) "address is not an object", another object kind (Value, UnexpectedType).
    /// </summary>
    internal Val MuxedAddressToStrkey(Val address)
    {
        if (!IsObjectVal(address))
            throw Err(SCErrorType.Value, SCErrorCode.UnexpectedType, "address is not an object", address);
        var text = VisitUntyped(address) switch
        {
            AddressObject a => NonMuxedScAddressToStrkey(a.Address, address),
            MuxedAddressObject m => MuxedScAddressToStrkey(m.Address),
            _ => throw Err(SCErrorType.Value, SCErrorCode.UnexpectedType, "value is not an AddressObject or MuxedAddressObject", address),
        };
        return AddObject(new StringObject(System.Text.Encoding.ASCII.GetBytes(text)));
    }

    /// <summary><c>strkey_to_address</c>: a 'G…' or 'C…' strkey in a string or bytes object as a new address object.</summary>
    internal Val StrkeyToAddress(Val strkey) => AddObject(new AddressObject(StrkeyToScAddress(strkey, allowMuxed: false)));

    /// <summary>
    /// <c>strkey_to_muxed_address</c> (protocol 26 on): as <see cref="StrkeyToAddress"/>, also accepting
    /// an 'M…' strkey, which becomes a muxed address object.
    /// </summary>
    internal Val StrkeyToMuxedAddress(Val strkey)
    {
        var address = StrkeyToScAddress(strkey, allowMuxed: true);
        return address is SCAddress.MuxedAccount
            ? AddObject(new MuxedAddressObject(address))
            : AddObject(new AddressObject(address));
    }

    private bool IsObjectVal(Val v) => Tags.IsObject(Tags.FromByte(v.TagByte, Protocol));

    /// <summary>
    /// <c>non_muxed_sc_address_to_strkey</c> (inline in address_to_strkey before b351f88a): the bulk
    /// copy charge, the clone of the 32 bytes, the encoding. An address object holding another kind
    /// of address cannot be built by this host (conversion refuses it); the reference's error for it
    /// is kept: (Object, InternalError), named with the object before p26, without arguments from p26.
    /// </summary>
    private string NonMuxedScAddressToStrkey(SCAddress address, Val addressObj)
    {
        ChargeBulkInitCopy(StrkeyPayloadLength + StrkeyLength, 1);
        switch (address)
        {
            case SCAddress.Account { Value: PublicKey.PublicKeyTypeEd25519 key }:
                Budget.Charge(ContractCostType.MemCpy, DeclaredSize.U256);
                return StrKey.Encode(StrKeyKind.AccountId, key.Value.ToArray());
            case SCAddress.Contract c:
                Budget.Charge(ContractCostType.MemCpy, DeclaredSize.Hash);
                return StrKey.Encode(StrKeyKind.Contract, c.Value.ToArray());
            default:
                throw Protocol >= 26
                    ? Err(SCErrorType.Object, SCErrorCode.InternalError, "Unexpected ScAddress type for strkey encoding")
                    : Err(SCErrorType.Object, SCErrorCode.InternalError, "Unexpected ScAddress type", addressObj);
        }
    }

    /// <summary><c>muxed_sc_address_to_strkey</c>: charged for 43 + 69 bytes, the key cloned, an 'M…' strkey (key then big-endian id).</summary>
    private string MuxedScAddressToStrkey(SCAddress address)
    {
        ChargeBulkInitCopy(MuxedStrkeyPayloadLength + MuxedStrkeyLength, 1);
        if (address is not SCAddress.MuxedAccount m)
            throw Err(SCErrorType.Object, SCErrorCode.InternalError, "MuxedAddressObject is used to represent a regular address");
        Budget.Charge(ContractCostType.MemCpy, DeclaredSize.U256);
        var payload = new byte[40];
        m.Value.Ed25519.CopyTo(payload);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(payload.AsSpan(32), m.Value.Id);
        return StrKey.Encode(StrKeyKind.MuxedAccount, payload);
    }

    /// <summary>
    /// <c>strkey_to_scaddress</c> (inline in strkey_to_address before b351f88a): a non-object is
    /// (Value, UnexpectedType) "strkey is not an object"; an object other than bytes or a string
    /// (Value, UnexpectedType); a length other than 56 (or 69 when muxed addresses are allowed)
    /// (Value, InvalidInput) "unexpected strkey length"; then a bulk copy of the key and one of twice
    /// the payload length are charged and the text decoded: what the linked strkey crate cannot
    /// decode is (Value, InvalidInput) "couldn't process the string as strkey", a strkey of another
    /// kind (Value, InvalidInput) "incorrect strkey type".
    /// </summary>
    private SCAddress StrkeyToScAddress(Val strkeyObj, bool allowMuxed)
    {
        if (!IsObjectVal(strkeyObj))
            throw Err(SCErrorType.Value, SCErrorCode.UnexpectedType, "strkey is not an object", strkeyObj);
        var key = VisitUntyped(strkeyObj) switch
        {
            BytesObject b => b.Bytes,
            StringObject s => s.Bytes,
            _ => throw Err(SCErrorType.Value, SCErrorCode.UnexpectedType, "strkey is not a string or bytes object", strkeyObj),
        };
        var length = (ulong)key.Length;
        ulong payloadLength;
        if (length == StrkeyLength)
            payloadLength = StrkeyPayloadLength;
        else if (allowMuxed && length == MuxedStrkeyLength)
            payloadLength = MuxedStrkeyPayloadLength;
        else
            throw Err(SCErrorType.Value, SCErrorCode.InvalidInput, "unexpected strkey length", strkeyObj);
        ChargeBulkInitCopy(length, 1);
        ChargeBulkInitCopy(payloadLength * 2, 1);
        if (DecodeStrkey(key) is not var (kind, payload))
            throw Err(SCErrorType.Value, SCErrorCode.InvalidInput, "couldn't process the string as strkey", strkeyObj);
        switch (kind)
        {
            case StrKeyKind.AccountId:
                return new SCAddress.Account(new PublicKey.PublicKeyTypeEd25519(Uint256.FromBytes(payload)));
            case StrKeyKind.Contract:
                return new SCAddress.Contract(Hash.FromBytes(payload));
            case StrKeyKind.MuxedAccount when allowMuxed:
                return new SCAddress.MuxedAccount(new MuxedEd25519Account
                {
                    Ed25519 = Uint256.FromBytes(payload.AsSpan(0, 32)),
                    Id = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(payload.AsSpan(32)),
                });
            default:
                throw Err(SCErrorType.Value, SCErrorCode.InvalidInput, "incorrect strkey type", strkeyObj);
        }
    }

    /// <summary>
    /// <c>Strkey::from_string</c> of the stellar-strkey version the host links, on the key's bytes
    /// (the reference's <c>String::from_utf8_lossy</c> turns non-UTF-8 into replacement characters,
    /// which no version decodes): null when that version cannot decode it.
    /// <list type="bullet">
    /// <item>0.0.8 (p20-21) decodes with the base32 crate 0.4, which upper-cases letters and reads
    /// '=' as the value 0 anywhere except at the end (trailing '=' shorten the decoded length, which
    /// then fails the crate's length check); it knows no liquidity-pool or claimable-balance keys.</item>
    /// <item>0.0.9 (p22) decodes canonical unpadded base32 only; no liquidity-pool or claimable-balance keys.</item>
    /// <item>0.0.13 (p23 on) as 0.0.9, with those two kinds.</item>
    /// </list>
    /// The strings that reach this are 56 or 69 bytes long, so the 0.0.8 crate's missing check of
    /// unused trailing bits never matters: the 69-byte form is accepted only from protocol 26.
    /// </summary>
    private (StrKeyKind Kind, byte[] Payload)? DecodeStrkey(byte[] key)
    {
        var chars = new char[key.Length];
        for (var i = 0; i < key.Length; i++)
        {
            var c = (char)key[i];
            if (key[i] >= 0x80)
                return null;
            if (Protocol <= 21)
            {
                if (c is >= 'a' and <= 'z')
                    c = char.ToUpperInvariant(c);
                else if (c == '=')
                {
                    if (i == key.Length - 1)
                        return null;
                    c = 'A';
                }
            }
            chars[i] = c;
        }
        (StrKeyKind Kind, byte[] Payload) decoded;
        try
        {
            decoded = StrKey.Decode(new string(chars));
        }
        catch (FormatException)
        {
            return null;
        }
        if (Protocol <= 22 && decoded.Kind is StrKeyKind.LiquidityPool or StrKeyKind.ClaimableBalance)
            return null;
        return decoded;
    }

    /// <summary>
    /// <c>get_address_executable</c> (protocol 23 on): the address (a metered clone); an account is
    /// <c>Account</c> when its entry exists; a contract is its instance's executable (<c>Wasm</c> with
    /// the hash as a new bytes object, or <c>StellarAsset</c>) when the instance exists; otherwise
    /// Void. Each is the built-in contract type <c>AddressExecutable</c> as a Val (a vector of the
    /// case's symbol and its value). The entries are read through the footprint.
    /// </summary>
    internal Val GetAddressExecutable(Val address)
    {
        var a = Visit<AddressObject>(address).Address;
        ChargeShallowCopy(1, DeclaredSize.ScAddress(Protocol));
        switch (a)
        {
            case SCAddress.Account acc:
                ChargeHeapAlloc(1, DeclaredSize.LedgerKey);
                var accountKey = new LedgerKey.Account(new LedgerKeyAccount { AccountID = acc.Value });
                return StorageHas(accountKey, null)
                    ? VecNewFromSlice([SymbolSmall.FromString("Account")])
                    : Val.Void;
            case SCAddress.Contract c:
                var key = ContractInstanceLedgerKey(c.Value);
                if (StorageTryGetFull(key, null) is not { } full)
                    return Val.Void;
                var instance = ExtractContractInstance(full.Entry);
                return ContractExecutableToVal(instance.Executable);
            default:
                throw Err(SCErrorType.Object, SCErrorCode.InternalError, "Unexpected Address variant in get_address_executable", address);
        }
    }
}
