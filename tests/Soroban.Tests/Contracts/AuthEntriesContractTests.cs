using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Replay.Engines;
using Replay.Soroban.Invocation;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Tests.Contracts;

/// <summary>
/// Authorization with entries on the contracts of tests/Contracts (auth.c, auth27.c), through
/// the e2e host invocation: address credentials of custom accounts (__check_auth) and classic
/// accounts (ed25519 signatures of the account's signers against its medium threshold), nonces
/// (written as temporary contract data, once), signature expiration, invocation-tree matching,
/// authorize_as_curr_contract, and the protocol 27 credential kinds (ADDRESS_V2's payload with
/// the address, ADDRESS_WITH_DELEGATES with delegate_account_auth). Each failure path asserts
/// the reference's error.
/// </summary>
public sealed class AuthEntriesContractTests
{
    private static readonly EngineVariant Stack = EngineCatalog.GetVariant("stack/Eager");

    private static SCVal Sym(string s) => new SCVal.Symbol(new XdrString(System.Text.Encoding.ASCII.GetBytes(s)));

    private static SCVal Contract(Hash id) => new SCVal.Address(new SCAddress.Contract(id));

    private static SCMapEntry E(string key, SCVal val) => new() { Key = Sym(key), Val = val };

    private static SorobanAuthorizedInvocation Invocation(Hash contract, string function, SCVal[] args, params SorobanAuthorizedInvocation[] subs) => new()
    {
        Function = new SorobanAuthorizedFunction.ContractFn(new InvokeContractArgs
        {
            ContractAddress = new SCAddress.Contract(contract),
            FunctionName = new XdrString(System.Text.Encoding.ASCII.GetBytes(function)),
            Args = args,
        }),
        SubInvocations = subs,
    };

    private static SorobanAddressCredentials Creds(SCAddress address, long nonce, uint expiration, SCVal signature) => new()
    {
        Address = address,
        Nonce = nonce,
        SignatureExpirationLedger = expiration,
        Signature = signature,
    };

    private static LedgerKey NonceKey(SCAddress address, long nonce) =>
        new LedgerKey.ContractData(new LedgerKeyContractData
        {
            Contract = address,
            Key = new SCVal.LedgerKeyNonce(new SCNonceKey { Nonce = nonce }),
            Durability = ContractDataDurability.Temporary,
        });

    private static (SCErrorType, SCErrorCode) Code(HostInvocationResult r) => (r.Error!.Type, r.Error.Code);

    // The nonce's ledger change: created, with the larger of the expiration and the minimum temporary TTL.
    private static void AssertNonceWritten(HostInvocationResult r, SCAddress address, long nonce, uint liveUntil)
    {
        Assert.Null(r.Error);
        var change = Assert.Single(r.LedgerChanges, c => c.Key is LedgerKey.ContractData cd && cd.Value.Key is SCVal.LedgerKeyNonce);
        Assert.Equal(Convert.ToHexString(XdrCodec.Encode(NonceKey(address, nonce))), Convert.ToHexString(XdrCodec.Encode(change.Key)));
        var data = Assert.IsType<LedgerEntryData.ContractData>(change.NewValue!.Data).Value;
        Assert.IsType<SCVal.Void>(data.Val);
        Assert.Equal(0u, change.Ttl!.OldLiveUntil);
        Assert.Equal(liveUntil, change.Ttl.NewLiveUntil);
    }

    public static TheoryData<int> Protocols => new() { 21, 22, 23, 26, 27 };

    [Theory]
    [MemberData(nameof(Protocols))]
    public void CustomAccountAuthorizesWithANonceUsedOnce(int protocol)
    {
        var ledger = new ContractLedger(protocol);
        var c = ledger.Deploy("auth", "c");
        var x = ledger.Deploy("auth", "x");
        var xa = new SCAddress.Contract(x);
        var seq = ledger.Sequence;
        SorobanAuthorizationEntry Entry(long nonce, uint expiration, SorobanAuthorizedInvocation root) => new()
        {
            Credentials = new SorobanCredentials.Address(Creds(xa, nonce, expiration, SCVal.Void.Instance)),
            RootInvocation = root,
        };
        var root = Invocation(c, "guarded", [Contract(x)]);
        HostInvocationResult Run(SorobanAuthorizationEntry e, bool withNonceKey = true) =>
            ledger.Invoke(Stack, c, "guarded", [Contract(x)], readWrite: withNonceKey ? [NonceKey(xa, ((SorobanCredentials.Address)e.Credentials).Value.Nonce)] : [], auth: [e]);

        // Success: the nonce is written as a temporary entry living at least the minimum temporary TTL.
        AssertNonceWritten(Run(Entry(5, seq + 3, root)), xa, 5, seq + ledger.MinTempTtl - 1);
        // The same nonce again: (Auth, ExistingValue).
        Assert.Equal((SCErrorType.Auth, SCErrorCode.ExistingValue), Code(Run(Entry(5, seq + 3, root))));
        // A later expiration keeps it: the nonce lives until the signature expires.
        AssertNonceWritten(Run(Entry(6, seq + 500, root)), xa, 6, seq + 500);
        // The nonce's key outside the footprint: (Storage, ExceededLimit).
        Assert.Equal((SCErrorType.Storage, SCErrorCode.ExceededLimit), Code(Run(Entry(7, seq + 3, root), withNonceKey: false)));
        // Expired, and past the maximum live-until ledger: (Auth, InvalidInput).
        Assert.Equal((SCErrorType.Auth, SCErrorCode.InvalidInput), Code(Run(Entry(8, seq - 1, root))));
        Assert.Equal((SCErrorType.Auth, SCErrorCode.InvalidInput), Code(Run(Entry(9, seq + ledger.MaxEntryTtl, root))));
        // A tree for other arguments does not match: (Auth, InvalidAction).
        Assert.Equal((SCErrorType.Auth, SCErrorCode.InvalidAction), Code(Run(Entry(10, seq + 3, Invocation(c, "guarded", [Contract(c)])))));
        // A root for another function does not match either.
        Assert.Equal((SCErrorType.Auth, SCErrorCode.InvalidAction), Code(Run(Entry(11, seq + 3, Invocation(c, "guarded_args", [Contract(x)])))));
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public void SubInvocationsMatchBelowTheRoot(int protocol)
    {
        var ledger = new ContractLedger(protocol);
        var a = ledger.Deploy("auth", "a");
        var c = ledger.Deploy("auth", "c");
        var x = ledger.Deploy("auth", "x");
        var xa = new SCAddress.Contract(x);
        var seq = ledger.Sequence;
        // A.guarded_call_with(C, guarded, X) requires X's authorization, then calls C.guarded(X),
        // which requires it again.
        SCVal[] outerArgs = [Contract(c), Sym("guarded"), Contract(x)];
        HostInvocationResult Run(long nonce, params SorobanAuthorizedInvocation[] roots) => ledger.Invoke(Stack, a, "guarded_call_with", outerArgs,
            readWrite: [.. roots.Select((_, i) => NonceKey(xa, nonce + i))],
            auth: [.. roots.Select((r, i) => new SorobanAuthorizationEntry { Credentials = new SorobanCredentials.Address(Creds(xa, nonce + i, seq + 3, SCVal.Void.Instance)), RootInvocation = r })]);

        // One tree: the root and its sub-invocation.
        Assert.Null(Run(1, Invocation(a, "guarded_call_with", outerArgs, Invocation(c, "guarded", [Contract(x)]))).Error);
        // The root alone: while X's tree is active, C.guarded must be its sub-invocation.
        Assert.Equal((SCErrorType.Auth, SCErrorCode.InvalidAction), Code(Run(10, Invocation(a, "guarded_call_with", outerArgs))));
        // Two separate trees for the two calls do not combine either.
        Assert.Equal((SCErrorType.Auth, SCErrorCode.InvalidAction),
            Code(Run(20, Invocation(a, "guarded_call_with", outerArgs), Invocation(c, "guarded", [Contract(x)]))));
        // The sub-invocation with other arguments does not match.
        Assert.Equal((SCErrorType.Auth, SCErrorCode.InvalidAction),
            Code(Run(30, Invocation(a, "guarded_call_with", outerArgs, Invocation(c, "guarded", [Contract(c)])))));
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public void InvokerContractAuthorizesSubContractCalls(int protocol)
    {
        var ledger = new ContractLedger(protocol);
        var a = ledger.Deploy("auth", "a");
        var b = ledger.Deploy("auth", "b");
        var c = ledger.Deploy("auth", "c");
        // A authorizes C.guarded(A) for calls below the one it makes (A -> B -> C).
        var entry = new SCVal.Vec(
        [
            Sym("Contract"),
            new SCVal.Map(
            [
                E("context", new SCVal.Map([E("args", new SCVal.Vec([Contract(a)])), E("contract", Contract(c)), E("fn_name", Sym("guarded"))])),
                E("sub_invocations", new SCVal.Vec([])),
            ]),
        ]);
        SCVal[] callArgs(SCVal entries) => [entries, Contract(b), Sym("call_with"), new SCVal.Vec([Contract(c), Sym("guarded"), Contract(a)])];
        Assert.Null(ledger.Invoke(Stack, a, "authorize_then_call", callArgs(new SCVal.Vec([entry]))).Error);
        // Without it, C's invoker is B, not A: unauthorized.
        Assert.Equal((SCErrorType.Auth, SCErrorCode.InvalidAction), Code(ledger.Invoke(Stack, a, "authorize_then_call", callArgs(new SCVal.Vec([])))));
        // An entry for other arguments does not authorize the call.
        var other = new SCVal.Vec(
        [
            Sym("Contract"),
            new SCVal.Map(
            [
                E("context", new SCVal.Map([E("args", new SCVal.Vec([Contract(b)])), E("contract", Contract(c)), E("fn_name", Sym("guarded"))])),
                E("sub_invocations", new SCVal.Vec([])),
            ]),
        ]);
        Assert.Equal((SCErrorType.Auth, SCErrorCode.InvalidAction), Code(ledger.Invoke(Stack, a, "authorize_then_call", callArgs(new SCVal.Vec([other])))));
    }

    private static (byte[] PublicKey, Ed25519PrivateKeyParameters Key) NewKey(byte seed)
    {
        var key = new Ed25519PrivateKeyParameters(Enumerable.Repeat(seed, 32).ToArray());
        return (key.GeneratePublicKey().GetEncoded(), key);
    }

    private static byte[] Sign(Ed25519PrivateKeyParameters key, byte[] message)
    {
        var signer = new Ed25519Signer();
        signer.Init(true, key);
        signer.BlockUpdate(message, 0, message.Length);
        return signer.GenerateSignature();
    }

    private static LedgerEntry AccountEntry(byte[] publicKey, byte[] thresholds, params (byte[] Key, uint Weight)[] signers) => new()
    {
        LastModifiedLedgerSeq = 900,
        Data = new LedgerEntryData.Account(new AccountEntry
        {
            AccountID = new PublicKey.PublicKeyTypeEd25519(Uint256.FromBytes(publicKey)),
            Balance = 1_000_000_000,
            SeqNum = 1,
            HomeDomain = XdrString.Empty,
            Thresholds = Thresholds.FromBytes(thresholds),
            Signers = [.. signers.Select(s => new Signer { Key = new SignerKey.Ed25519(Uint256.FromBytes(s.Key)), Weight = s.Weight })],
            Ext = AccountEntryExt.V0.Instance,
        }),
        Ext = LedgerEntryExt.V0.Instance,
    };

    [Theory]
    [MemberData(nameof(Protocols))]
    public void ClassicAccountSignaturesMeetTheMediumThreshold(int protocol)
    {
        var ledger = new ContractLedger(protocol);
        var c = ledger.Deploy("auth", "c");
        var (master, masterKey) = NewKey(1);
        var (second, secondKey) = NewKey(2);
        var (stranger, strangerKey) = NewKey(3);
        var accountKey = new LedgerKey.Account(new LedgerKeyAccount { AccountID = new PublicKey.PublicKeyTypeEd25519(Uint256.FromBytes(master)) });
        var address = new SCAddress.Account(new PublicKey.PublicKeyTypeEd25519(Uint256.FromBytes(master)));
        var seq = ledger.Sequence;
        var root = Invocation(c, "guarded", [new SCVal.Address(address)]);
        long nonce = 0;

        HostInvocationResult Run(byte[] thresholds, Func<byte[], SCVal> signature, (byte[], uint)[]? signers = null, bool v2 = false)
        {
            ledger.Put(AccountEntry(master, thresholds, signers ?? [(second, 1)]), null);
            nonce++;
            var preimage = v2 && protocol >= 27
                ? (HashIDPreimage)new HashIDPreimage.SorobanAuthorizationWithAddress(new HashIDPreimageSorobanAuthorizationWithAddress
                {
                    NetworkID = Hash.FromBytes(ContractLedger.NetworkId), Nonce = nonce, SignatureExpirationLedger = seq + 3, Address = address, Invocation = root,
                })
                : new HashIDPreimage.SorobanAuthorization(new HashIDPreimageSorobanAuthorization
                {
                    NetworkID = Hash.FromBytes(ContractLedger.NetworkId), Nonce = nonce, SignatureExpirationLedger = seq + 3, Invocation = root,
                });
            var payload = SHA256.HashData(XdrCodec.Encode(preimage));
            var creds = Creds(address, nonce, seq + 3, signature(payload));
            SorobanCredentials credentials = v2 && protocol >= 27 ? new SorobanCredentials.AddressV2(creds) : new SorobanCredentials.Address(creds);
            return ledger.Invoke(Stack, c, "guarded", [new SCVal.Address(address)], readWrite: [NonceKey(address, nonce)], readOnly: [accountKey],
                auth: [new SorobanAuthorizationEntry { Credentials = credentials, RootInvocation = root }]);
        }

        static SCVal Sig(byte[] pk, byte[] sig) => new SCVal.Map([E("public_key", new SCVal.Bytes(pk)), E("signature", new SCVal.Bytes(sig))]);
        SCVal Sigs(byte[] payload, params (byte[] Pk, Ed25519PrivateKeyParameters Key)[] keys) =>
            new SCVal.Vec([.. keys.OrderBy(k => Convert.ToHexString(k.Pk), StringComparer.Ordinal).Select(k => Sig(k.Pk, Sign(k.Key, payload)))]);

        byte[] medOne = [1, 0, 1, 0];
        byte[] medTwo = [1, 0, 2, 0];
        // The master key alone meets a medium threshold of 1.
        AssertNonceWritten(Run(medOne, p => Sigs(p, (master, masterKey))), address, nonce, seq + ledger.MinTempTtl - 1);
        // Protocol 27's ADDRESS_V2 signs the payload with the address.
        Assert.Null(Run(medOne, p => Sigs(p, (master, masterKey)), v2: true).Error);
        // Master and a signer of weight 1 meet a threshold of 2; the master alone does not.
        Assert.Null(Run(medTwo, p => Sigs(p, (master, masterKey), (second, secondKey))).Error);
        Assert.Equal((SCErrorType.Auth, SCErrorCode.InvalidAction), Code(Run(medTwo, p => Sigs(p, (master, masterKey)))));
        // A key that is not a signer, a wrong signature, no signatures, keys out of order: each is
        // an authentication failure, reported as (Auth, InvalidAction).
        Assert.Equal((SCErrorType.Auth, SCErrorCode.InvalidAction), Code(Run(medOne, p => Sigs(p, (stranger, strangerKey)))));
        Assert.Equal((SCErrorType.Auth, SCErrorCode.InvalidAction), Code(Run(medOne, p => Sigs(new byte[32], (master, masterKey)))));
        Assert.Equal((SCErrorType.Auth, SCErrorCode.InvalidAction), Code(Run(medOne, _ => new SCVal.Vec([]))));
        Assert.Equal((SCErrorType.Auth, SCErrorCode.InvalidAction), Code(Run(medTwo, p =>
            new SCVal.Vec([.. new[] { (master, masterKey), (second, secondKey) }.OrderByDescending(k => Convert.ToHexString(k.Item1), StringComparer.Ordinal).Select(k => Sig(k.Item1, Sign(k.Item2, p)))]))));
        // A signature that is not a vector of signature maps is a conversion error, also reported as (Auth, InvalidAction).
        Assert.Equal((SCErrorType.Auth, SCErrorCode.InvalidAction), Code(Run(medOne, _ => new SCVal.U32(1))));
    }

    public static TheoryData<string> Variants()
    {
        var data = new TheoryData<string>();
        foreach (var v in EngineCatalog.Variants)
            data.Add(v.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void DelegatedSignersAuthenticateForTheAccount(string variant)
    {
        var v = EngineCatalog.GetVariant(variant);
        var ledger = new ContractLedger(27);
        var c = ledger.Deploy("auth", "c");
        var x = ledger.Deploy("auth27", "x");
        var y = ledger.Deploy("auth27", "y");
        var xa = new SCAddress.Contract(x);
        var seq = ledger.Sequence;
        var root = Invocation(c, "guarded", [Contract(x)]);
        HostInvocationResult Run(long nonce, SorobanCredentials creds) => ledger.Invoke(v, c, "guarded", [Contract(x)],
            readWrite: [NonceKey(xa, nonce)], auth: [new SorobanAuthorizationEntry { Credentials = creds, RootInvocation = root }]);
        SorobanDelegateSignature Delegate(Hash id, params SorobanDelegateSignature[] nested) => new()
        {
            Address = new SCAddress.Contract(id),
            Signature = SCVal.Void.Instance,
            NestedDelegates = nested,
        };

        // X's __check_auth delegates to Y, whose own __check_auth has no delegates.
        AssertNonceWritten(Run(1, new SorobanCredentials.AddressWithDelegates(new SorobanAddressCredentialsWithDelegates
        {
            AddressCredentials = Creds(xa, 1, seq + 3, SCVal.Void.Instance),
            Delegates = [Delegate(y)],
        })), xa, 1, seq + ledger.MinTempTtl - 1);
        // ADDRESS_V2 has no delegated signers: X delegates to none.
        Assert.Null(Run(2, new SorobanCredentials.AddressV2(Creds(xa, 2, seq + 3, SCVal.Void.Instance))).Error);
        // Delegated signers must be sorted without duplicates: (Auth, InvalidInput).
        Assert.Equal((SCErrorType.Auth, SCErrorCode.InvalidInput), Code(Run(3, new SorobanCredentials.AddressWithDelegates(new SorobanAddressCredentialsWithDelegates
        {
            AddressCredentials = Creds(xa, 3, seq + 3, SCVal.Void.Instance),
            Delegates = [Delegate(y), Delegate(y)],
        }))));
        // delegate_account_auth outside __check_auth: (Context, InvalidAction).
        Assert.Equal((SCErrorType.Context, SCErrorCode.InvalidAction), Code(ledger.Invoke(v, x, "delegate_outside", [Contract(y)])));
    }
}
