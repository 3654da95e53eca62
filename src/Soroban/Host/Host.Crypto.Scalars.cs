using System.Numerics;
using Replay.Soroban.Budget;
using Replay.Soroban.Crypto;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Host;

/// <summary>The cost types of one scalar field's metered arithmetic (the reference's MeteredScalar impls).</summary>
internal sealed record ScalarCosts(ContractCostType AddSub, ContractCostType Mul, ContractCostType Pow, ContractCostType Inv, ContractCostType FromU256, ContractCostType ToU256)
{
    public static readonly ScalarCosts Bls12381 = new(ContractCostType.Bls12381FrAddSub, ContractCostType.Bls12381FrMul,
        ContractCostType.Bls12381FrPow, ContractCostType.Bls12381FrInv, ContractCostType.Bls12381FrFromU256, ContractCostType.Bls12381FrToU256);

    public static readonly ScalarCosts Bn254 = new(ContractCostType.Bn254FrAddSub, ContractCostType.Bn254FrMul,
        ContractCostType.Bn254FrPow, ContractCostType.Bn254FrInv, ContractCostType.Bn254FrFromU256, ContractCostType.Bn254FrToU256);
}

// The metered scalar field operations of module "c" (fact: crypto/metered_scalar.rs, the
// fr_*_internal functions of crypto/bls12_381.rs and crypto/bn254.rs, num.rs
// impl_*_fr_arith_host_fns): each charged before it runs.
public sealed partial class Host
{
    private Fp<P> ScalarFromU256<P>(Val v, ScalarCosts c) where P : struct, IPrimeFieldParams
    {
        Budget.Charge(c.FromU256, null);
        return Fp<P>.FromBigInteger(U256ValueVisited(v));
    }

    private void ScalarAddAssign<P>(ref Fp<P> a, Fp<P> b, ScalarCosts c) where P : struct, IPrimeFieldParams
    {
        Budget.Charge(c.AddSub, null);
        a += b;
    }

    private void ScalarMulAssign<P>(ref Fp<P> a, Fp<P> b, ScalarCosts c) where P : struct, IPrimeFieldParams
    {
        Budget.Charge(c.Mul, null);
        a *= b;
    }

    // metered_double_in_place: a metered clone of self, then an addition.
    private void ScalarDouble<P>(ref Fp<P> a, ScalarCosts c) where P : struct, IPrimeFieldParams
    {
        ChargeShallowCopy(1, ScalarSize);
        ScalarAddAssign(ref a, a, c);
    }

    // metered_add: a metered clone of self, then the addition.
    private Fp<P> ScalarAdd<P>(Fp<P> a, Fp<P> b, ScalarCosts c) where P : struct, IPrimeFieldParams
    {
        ChargeShallowCopy(1, ScalarSize);
        ScalarAddAssign(ref a, b, c);
        return a;
    }

    private Fp<P> ScalarPow<P>(Fp<P> a, ulong e, ScalarCosts c) where P : struct, IPrimeFieldParams
    {
        Budget.Charge(c.Pow, (ulong)(64 - BitOperations.LeadingZeroCount(e)));
        return a.Pow(e);
    }

    private Val ScalarToU256<P>(Fp<P> s, ScalarCosts c) where P : struct, IPrimeFieldParams
    {
        Budget.Charge(c.ToU256, null);
        return U256ToVal(s.ToBigInteger());
    }

    /// <summary>fr_add / fr_sub (FrAddSub) and fr_mul (FrMul): both operands converted, the operation charged, the result converted back.</summary>
    private Val FrBinary<P>(Val lhs, Val rhs, ScalarCosts c, bool add, Func<Fp<P>, Fp<P>, Fp<P>> op) where P : struct, IPrimeFieldParams
    {
        var a = ScalarFromU256<P>(lhs, c);
        var b = ScalarFromU256<P>(rhs, c);
        Budget.Charge(add ? c.AddSub : c.Mul, null);
        return ScalarToU256(op(a, b), c);
    }

    /// <summary>fr_pow: the exponent a U64Val; FrPow charged by its bit length (64 - leading zeros).</summary>
    private Val FrPow<P>(Val lhs, Val rhs, ScalarCosts c) where P : struct, IPrimeFieldParams
    {
        var a = ScalarFromU256<P>(lhs, c);
        return ScalarToU256(ScalarPow(a, U64FromU64Val(rhs), c), c);
    }

    /// <summary>fr_inv: zero is (Crypto, InvalidInput) before the FrInv charge.</summary>
    private Val FrInv<P>(Val lhs, ScalarCosts c, string zeroMessage) where P : struct, IPrimeFieldParams
    {
        var a = ScalarFromU256<P>(lhs, c);
        if (a.IsZero)
            throw CryptoInvalidInput(zeroMessage);
        Budget.Charge(c.Inv, null);
        return ScalarToU256(a.Inverse(), c);
    }
}
