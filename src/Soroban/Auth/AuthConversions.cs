using Replay.Soroban.Budget;
using Replay.Soroban.Host;
using Replay.Soroban.Objects;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Auth;

/// <summary>Conversions of authorization values between XDR and the host, with the reference's charges (fact: auth.rs from_xdr / to_xdr, host/conversion.rs).</summary>
internal static class AuthConversions
{
    /// <summary>
    /// <c>AuthorizedInvocation::from_xdr</c>: the sub-invocations first (a metered collect, then
    /// each converted), then the function: a contract function's address as a new object, its name
    /// as a Symbol, its arguments as Vals; a create-contract function as it is (the v1 form
    /// without constructor arguments).
    /// </summary>
    public static AuthorizedInvocation InvocationFromXdr(Host.Host host, SorobanAuthorizedInvocation xdr)
    {
        host.ChargeResultVecBulkInitCopy((ulong)xdr.SubInvocations.Length, DeclaredSize.AuthorizedInvocation(host.Protocol));
        var subs = new List<AuthorizedInvocation>(xdr.SubInvocations.Length);
        foreach (var s in xdr.SubInvocations)
            subs.Add(InvocationFromXdr(host, s));
        AuthorizedFunction function = xdr.Function switch
        {
            SorobanAuthorizedFunction.ContractFn f => new ContractFunction(
                host.AddObject(new AddressObject(f.Value.ContractAddress)),
                host.SymbolFromBytes(f.Value.FunctionName.Bytes),
                host.ScValsToVals(f.Value.Args)),
            SorobanAuthorizedFunction.CreateContractHostFn c => new CreateContractFunction(c.Value.ContractIDPreimage, c.Value.Executable, []),
            SorobanAuthorizedFunction.CreateContractV2HostFn c => new CreateContractFunction(c.Value.ContractIDPreimage, c.Value.Executable, c.Value.ConstructorArgs),
            _ => throw new HostError(SCErrorType.Auth, SCErrorCode.InternalError, "unknown authorized function kind"),
        };
        return new AuthorizedInvocation(function, subs);
    }

    /// <summary>
    /// <c>AuthorizedInvocation::to_xdr</c> (all sub-invocations): the function (a contract
    /// function's symbol, address and arguments converted; create-contract arguments cloned),
    /// then the sub-invocations (a metered collect, then each).
    /// </summary>
    public static SorobanAuthorizedInvocation InvocationToXdr(Host.Host host, AuthorizedInvocation node)
    {
        SorobanAuthorizedFunction function;
        switch (node.Function)
        {
            case ContractFunction f:
                {
                    var name = ScSymbolFromSymbol(host, f.FunctionName);
                    var address = ScAddressFromAddress(host, f.ContractAddress);
                    var args = ValsToScVals(host, f.Args);
                    function = new SorobanAuthorizedFunction.ContractFn(new InvokeContractArgs { ContractAddress = address, FunctionName = name, Args = args });
                    break;
                }
            case CreateContractFunction c:
                XdrClones.CreateContractArgs(host.Budget, host.Protocol, c.Preimage, c.ConstructorArgs);
                function = host.Protocol >= 22
                    ? new SorobanAuthorizedFunction.CreateContractV2HostFn(new CreateContractArgsV2 { ContractIDPreimage = c.Preimage, Executable = c.Executable, ConstructorArgs = c.ConstructorArgs })
                    : new SorobanAuthorizedFunction.CreateContractHostFn(new CreateContractArgs { ContractIDPreimage = c.Preimage, Executable = c.Executable });
                break;
            default:
                throw new HostError(SCErrorType.Auth, SCErrorCode.InternalError, "unknown authorized function kind");
        }
        host.ChargeResultVecBulkInitCopy((ulong)node.SubInvocations.Count, DeclaredSize.SorobanAuthorizedInvocation(host.Protocol));
        var subs = new SorobanAuthorizedInvocation[node.SubInvocations.Count];
        for (var i = 0; i < subs.Length; i++)
            subs[i] = InvocationToXdr(host, node.SubInvocations[i]);
        return new SorobanAuthorizedInvocation { Function = function, SubInvocations = subs };
    }

    /// <summary><c>scaddress_from_address</c>: the object visited and its address cloned.</summary>
    public static SCAddress ScAddressFromAddress(Host.Host host, Val address)
    {
        var a = host.Visit<AddressObject>(address).Address;
        host.ChargeShallowCopy(1, DeclaredSize.ScAddress(host.Protocol));
        return a;
    }

    /// <summary><c>scsymbol_from_symbol</c>: an object symbol visited and cloned; a small symbol decoded for free.</summary>
    public static XdrString ScSymbolFromSymbol(Host.Host host, Val symbol)
    {
        if (symbol.HasTag(Tag.SymbolSmall))
            return new XdrString(SymbolSmall.Decode(symbol));
        var bytes = host.Visit<SymbolObject>(symbol).Bytes;
        host.ChargeShallowCopy(1, DeclaredSize.ScSymbol);
        host.ChargeHeapAlloc((ulong)bytes.Length, 1);
        host.ChargeShallowCopy((ulong)bytes.Length, 1);
        return new XdrString(bytes.ToArray());
    }

    /// <summary><c>vals_to_scval_vec</c>: a metered collect of the converted values.</summary>
    public static SCVal[] ValsToScVals(Host.Host host, Val[] vals)
    {
        host.ChargeResultVecBulkInitCopy((ulong)vals.Length, DeclaredSize.ScVal);
        var result = new SCVal[vals.Length];
        for (var i = 0; i < vals.Length; i++)
            result[i] = host.FromHostVal(vals[i]);
        return result;
    }
}
