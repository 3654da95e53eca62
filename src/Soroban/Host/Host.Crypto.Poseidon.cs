using System.Numerics;
using Replay.Soroban.Budget;
using Replay.Soroban.Crypto;
using Replay.Soroban.Objects;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Host;

// Module "c": the Poseidon and Poseidon2 permutations over the BLS12-381 or BN254 scalar field with
// caller-given parameters (fact: crypto/poseidon/*.rs, crypto/metered_scalar.rs, host/conversion.rs
// metered_scalar_vec_*, host.rs poseidon*_permutation at 6323c1fc, b351f88a, b03d2563). Every field
// operation is charged as the reference's metered scalar does it: additions FrAddSub, products
// FrMul, the s-box FrPow (by the exponent's bit length), doubling and non-assigning additions a
// 32-byte MemCpy for the clone first; intermediate vectors as metered collects.
public sealed partial class Host
{
    private const ulong ScalarSize = 32;

    // Declared sizes of the collect containers: Result<Vec<S>, HostError> (24 + 16) and
    // Result<S, HostError> (32 + 16); for the output, Result<U256Val, HostError> (8 + 16).
    private const ulong ResultVecSize = DeclaredSize.Vec + HostErrorSize;
    private const ulong ResultScalarSize = ScalarSize + HostErrorSize;
    private const ulong ResultValSize = DeclaredSize.Val + HostErrorSize;
    private const ulong HostErrorSize = 16;

    /// <summary><c>metered_collect</c> into Result&lt;Vec&lt;T&gt;, E&gt;: header, then allocation and copy of n results.</summary>
    private void ChargeMeteredCollect(ulong n, ulong itemSize)
    {
        ChargeShallowCopy(1, ResultVecSize);
        ChargeHeapAlloc(n, itemSize);
        ChargeShallowCopy(n, itemSize);
    }

    /// <summary><c>metered_scalar_vec_from_vecobj</c>: visit, bulk init of len scalars, each element a U256Val ((Crypto, InvalidInput) otherwise).</summary>
    private Fp<P>[] ScalarVec<P>(Val vec, ScalarCosts c) where P : struct, IPrimeFieldParams
    {
        var items = Visit<VecObject>(vec).Items;
        ChargeBulkInitCopy((ulong)items.Length, ScalarSize);
        var result = new Fp<P>[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            if (items[i].TagByte is not ((byte)Tag.U256Small or (byte)Tag.U256Object))
                throw CryptoInvalidInput("element must be U256Val");
            result[i] = ScalarFromU256<P>(items[i], c);
        }
        return result;
    }

    /// <summary><c>metered_scalar_vec_of_vec_from_vecobj</c>: visit, bulk init of the rows (Vec headers), each row a vector of U256Vals.</summary>
    private Fp<P>[][] ScalarMatrix<P>(Val vec, ScalarCosts c) where P : struct, IPrimeFieldParams
    {
        var rows = Visit<VecObject>(vec).Items;
        ChargeBulkInitCopy((ulong)rows.Length, DeclaredSize.Vec);
        var result = new Fp<P>[rows.Length][];
        for (var i = 0; i < rows.Length; i++)
        {
            if (rows[i].TagByte != (byte)Tag.VecObject)
                throw CryptoInvalidInput("poseidon_permutation: row must be a vector");
            result[i] = ScalarVec<P>(rows[i], c);
        }
        return result;
    }

    /// <summary><c>metered_scalar_vec_to_vecobj</c>: a metered collect of the U256Vals (each FrToU256), then a new vector.</summary>
    private Val ScalarVecToVecObj<P>(Fp<P>[] scalars, ScalarCosts c) where P : struct, IPrimeFieldParams
    {
        ChargeMeteredCollect((ulong)scalars.Length, ResultValSize);
        var vals = new Val[scalars.Length];
        for (var i = 0; i < scalars.Length; i++)
            vals[i] = ScalarToU256(scalars[i], c);
        return NewVecMetered(vals);
    }

    /// <summary>
    /// <c>metered_scalar_vec_to_vecobj</c> for integers reduced into the BN254 or BLS12-381 scalar
    /// field (the reference's helper, as its tests build Poseidon inputs; untraced apart from the
    /// obj_from_u256_pieces calls).
    /// </summary>
    public Val ScalarsToVecObj(bool bn254, IReadOnlyList<BigInteger> values) =>
        bn254
            ? ScalarVecToVecObj(values.Select(Fp<Bn254Fr>.FromBigInteger).ToArray(), ScalarCosts.Bn254)
            : ScalarVecToVecObj(values.Select(Fp<Bls12381Fr>.FromBigInteger).ToArray(), ScalarCosts.Bls12381);

    private static HostError PoseidonOutOfBounds(string what) => new(SCErrorType.Object, SCErrorCode.IndexBounds, what);

    /// <summary>
    /// The parameter checks both permutations share (PoseidonParams::new / Poseidon2Params::new):
    /// d must be 5, the matrix length t, rounds_f even, rounds_f + rounds_p (checked from p26; a
    /// panic, reported as (Context, InternalError), in p25) the number of round-constant rows.
    /// </summary>
    private int PoseidonRounds(string tag, uint t, uint d, uint roundsF, uint roundsP, int matrixLength, string matrixName, int roundConstantRows)
    {
        if (d != 5)
            throw CryptoInvalidInput($"{tag}: unsupported s-box degree");
        if ((uint)matrixLength != t)
            throw CryptoInvalidInput($"{tag}: {matrixName} length does not match `t`");
        if (roundsF % 2 != 0)
            throw CryptoInvalidInput($"{tag}: `rounds_f` must be even");
        var sum = (ulong)roundsF + roundsP;
        if (sum > uint.MaxValue)
        {
            throw Protocol >= 26
                ? ArithOverflow()
                : new HostError(SCErrorType.Context, SCErrorCode.InternalError, $"{tag}: rounds_f + rounds_p overflows (a panic in the p25 host)");
        }
        if ((ulong)roundConstantRows != sum)
            throw CryptoInvalidInput($"{tag}: round constants length does not match No. of rounds (rounds_f + rounds_p)");
        return (int)sum;
    }

    /// <summary>utils::add_rc: lengths equal, then a metered collect of metered additions.</summary>
    private Fp<P>[] PoseidonAddRc<P>(Fp<P>[] state, Fp<P>[] rc, ScalarCosts c) where P : struct, IPrimeFieldParams
    {
        if (state.Length != rc.Length)
            throw CryptoInvalidInput("length mismatch between input array and round constants");
        ChargeMeteredCollect((ulong)state.Length, ResultScalarSize);
        var result = new Fp<P>[state.Length];
        for (var i = 0; i < state.Length; i++)
            result[i] = ScalarAdd(state[i], rc[i], c);
        return result;
    }

    /// <summary>utils::sbox: a metered collect of x^d.</summary>
    private Fp<P>[] PoseidonSbox<P>(Fp<P>[] state, uint d, ScalarCosts c) where P : struct, IPrimeFieldParams
    {
        ChargeMeteredCollect((ulong)state.Length, ResultScalarSize);
        var result = new Fp<P>[state.Length];
        for (var i = 0; i < state.Length; i++)
            result[i] = ScalarPow(state[i], d, c);
        return result;
    }

    /// <summary>Poseidon::matmul: out = M·x, each row checked when reached.</summary>
    private Fp<P>[] PoseidonMatMul<P>(Fp<P>[] input, Fp<P>[][] m, ScalarCosts c) where P : struct, IPrimeFieldParams
    {
        var t = input.Length;
        if (m.Length != t)
            throw CryptoInvalidInput("Poseidon: matmul matrix dimension does not match the input length");
        ChargeBulkInitCopy((ulong)t, ScalarSize);
        var output = new Fp<P>[t];
        for (var i = 0; i < t; i++)
        {
            if (m[i].Length != t)
                throw CryptoInvalidInput("Poseidon: matmul matrix row length does not match input length");
            for (var j = 0; j < t; j++)
            {
                var tmp = m[i][j];
                ScalarMulAssign(ref tmp, input[j], c);
                ScalarAddAssign(ref output[i], tmp, c);
            }
        }
        return output;
    }

    private Val PoseidonPermutationImpl<P>(Val input, uint t, uint d, uint roundsF, uint roundsP, Val mds, Val roundConstants, ScalarCosts c)
        where P : struct, IPrimeFieldParams
    {
        var state0 = ScalarVec<P>(input, c);
        var matrix = ScalarMatrix<P>(mds, c);
        var rcs = ScalarMatrix<P>(roundConstants, c);
        var rounds = PoseidonRounds("Poseidon", t, d, roundsF, roundsP, matrix.Length, "mds matrix", rcs.Length);
        if ((uint)state0.Length != t)
            throw CryptoInvalidInput("Poseidon: permutation input length does not match `t`");
        ChargeVecClone((ulong)state0.Length, ScalarSize);
        var state = (Fp<P>[])state0.Clone();
        var half = (int)(roundsF / 2);
        var pEnd = half + (int)roundsP;
        for (var r = 0; r < rounds; r++)
        {
            state = PoseidonAddRc(state, rcs[r], c);
            if (r >= half && r < pEnd)
            {
                if (state.Length == 0)
                    throw PoseidonOutOfBounds("Poseidon: current_state is empty");
                state[0] = ScalarPow(state[0], d, c);
            }
            else
            {
                state = PoseidonSbox(state, d, c);
            }
            state = PoseidonMatMul(state, matrix, c);
        }
        return ScalarVecToVecObj(state, c);
    }

    // ---- Poseidon2 ----

    private void Poseidon2MatMulM4<P>(Fp<P>[] s, int t, ScalarCosts c) where P : struct, IPrimeFieldParams
    {
        if (t % 4 != 0)
            throw CryptoInvalidInput("Poseidon2: matmul_m4 state size must be divisible by 4");
        if (s.Length != t)
            throw CryptoInvalidInput("Poseidon2: matmul_m4 input length does not match `t`");
        for (var i = 0; i < t / 4; i++)
        {
            var k = 4 * i;
            var t0 = s[k];
            ScalarAddAssign(ref t0, s[k + 1], c);
            var t1 = s[k + 2];
            ScalarAddAssign(ref t1, s[k + 3], c);
            var t2 = s[k + 1];
            ScalarDouble(ref t2, c);
            ScalarAddAssign(ref t2, t1, c);
            var t3 = s[k + 3];
            ScalarDouble(ref t3, c);
            ScalarAddAssign(ref t3, t0, c);
            var t4 = t1;
            ScalarDouble(ref t4, c);
            ScalarDouble(ref t4, c);
            ScalarAddAssign(ref t4, t3, c);
            var t5 = t0;
            ScalarDouble(ref t5, c);
            ScalarDouble(ref t5, c);
            ScalarAddAssign(ref t5, t2, c);
            var t6 = t3;
            ScalarAddAssign(ref t6, t5, c);
            var t7 = t2;
            ScalarAddAssign(ref t7, t4, c);
            s[k] = t6;
            s[k + 1] = t5;
            s[k + 2] = t7;
            s[k + 3] = t4;
        }
    }

    private void Poseidon2MatMulExternal<P>(Fp<P>[] s, int t, ScalarCosts c) where P : struct, IPrimeFieldParams
    {
        if (s.Length != t)
            throw CryptoInvalidInput("Poseidon2: matmul_external input length does not match `t`");
        switch (t)
        {
            case 2:
            {
                var sum = s[0];
                ScalarAddAssign(ref sum, s[1], c);
                ScalarAddAssign(ref s[0], sum, c);
                ScalarAddAssign(ref s[1], sum, c);
                break;
            }
            case 3:
            {
                var sum = s[0];
                ScalarAddAssign(ref sum, s[1], c);
                ScalarAddAssign(ref sum, s[2], c);
                ScalarAddAssign(ref s[0], sum, c);
                ScalarAddAssign(ref s[1], sum, c);
                ScalarAddAssign(ref s[2], sum, c);
                break;
            }
            case 4:
                Poseidon2MatMulM4(s, t, c);
                break;
            case 8 or 12 or 16 or 20 or 24:
            {
                Poseidon2MatMulM4(s, t, c);
                ChargeBulkInitCopy(4, ScalarSize);
                var stored = new Fp<P>[4];
                for (var l = 0; l < 4; l++)
                {
                    stored[l] = s[l];
                    for (var j = 1; j < t / 4; j++)
                        ScalarAddAssign(ref stored[l], s[4 * j + l], c);
                }
                for (var i = 0; i < s.Length; i++)
                    ScalarAddAssign(ref s[i], stored[i % 4], c);
                break;
            }
            default:
                throw CryptoInvalidInput("Poseidon2: matmul_external unsupported state size");
        }
    }

    private void Poseidon2MatMulInternal<P>(Fp<P>[] s, int t, Fp<P>[] diag, ScalarCosts c) where P : struct, IPrimeFieldParams
    {
        if (t != s.Length || t != diag.Length)
            throw CryptoInvalidInput("Poseidon2: matmul_internal length mismatch between `t`, input length and/or matrix length");
        switch (t)
        {
            case 2:
            {
                var sum = s[0];
                ScalarAddAssign(ref sum, s[1], c);
                ScalarAddAssign(ref s[0], sum, c);
                ScalarDouble(ref s[1], c);
                ScalarAddAssign(ref s[1], sum, c);
                break;
            }
            case 3:
            {
                var sum = s[0];
                ScalarAddAssign(ref sum, s[1], c);
                ScalarAddAssign(ref sum, s[2], c);
                ScalarAddAssign(ref s[0], sum, c);
                ScalarAddAssign(ref s[1], sum, c);
                ScalarDouble(ref s[2], c);
                ScalarAddAssign(ref s[2], sum, c);
                break;
            }
            case 4 or 8 or 12 or 16 or 20 or 24:
            {
                var sum = s[0];
                for (var i = 1; i < t; i++)
                    ScalarAddAssign(ref sum, s[i], c);
                for (var i = 0; i < s.Length; i++)
                {
                    ScalarMulAssign(ref s[i], diag[i], c);
                    ScalarAddAssign(ref s[i], sum, c);
                }
                break;
            }
            default:
                throw CryptoInvalidInput("Poseidon2: matmul_internal unsupported state size");
        }
    }

    private Val Poseidon2PermutationImpl<P>(Val input, uint t, uint d, uint roundsF, uint roundsP, Val diagM1, Val roundConstants, ScalarCosts c)
        where P : struct, IPrimeFieldParams
    {
        var state0 = ScalarVec<P>(input, c);
        var diag = ScalarVec<P>(diagM1, c);
        var rcs = ScalarMatrix<P>(roundConstants, c);
        var rounds = PoseidonRounds("Poseidon2", t, d, roundsF, roundsP, diag.Length, "mat_internal_diag_m_1", rcs.Length);
        var n = (int)t;
        if (state0.Length != n)
            throw CryptoInvalidInput("Poseidon2: permutation input length does not match `t`");
        ChargeVecClone((ulong)state0.Length, ScalarSize);
        var state = (Fp<P>[])state0.Clone();
        Poseidon2MatMulExternal(state, n, c);
        var half = (int)(roundsF / 2);
        var pEnd = half + (int)roundsP;
        for (var r = 0; r < rounds; r++)
        {
            if (r >= half && r < pEnd)
            {
                if (rcs[r].Length == 0)
                    throw PoseidonOutOfBounds("Poseidon2: round constant vector is empty");
                if (state.Length == 0)
                    throw PoseidonOutOfBounds("Poseidon2: current_state is empty");
                ScalarAddAssign(ref state[0], rcs[r][0], c);
                state[0] = ScalarPow(state[0], d, c);
                Poseidon2MatMulInternal(state, n, diag, c);
            }
            else
            {
                state = PoseidonAddRc(state, rcs[r], c);
                state = PoseidonSbox(state, d, c);
                Poseidon2MatMulExternal(state, n, c);
            }
        }
        return ScalarVecToVecObj(state, c);
    }

    // ---- host functions ----

    internal Val PoseidonPermutation(Val input, Val field, uint t, uint d, uint roundsF, uint roundsP, Val mds, Val roundConstants)
    {
        if (SymbolMatches("BLS12_381"u8, field))
            return PoseidonPermutationImpl<Bls12381Fr>(input, t, d, roundsF, roundsP, mds, roundConstants, ScalarCosts.Bls12381);
        if (SymbolMatches("BN254"u8, field))
            return PoseidonPermutationImpl<Bn254Fr>(input, t, d, roundsF, roundsP, mds, roundConstants, ScalarCosts.Bn254);
        throw CryptoInvalidInput("poseidon_permutation: invalid field symbol, must be 'BLS12_381' or 'BN254'");
    }

    internal Val Poseidon2Permutation(Val input, Val field, uint t, uint d, uint roundsF, uint roundsP, Val diagM1, Val roundConstants)
    {
        if (SymbolMatches("BLS12_381"u8, field))
            return Poseidon2PermutationImpl<Bls12381Fr>(input, t, d, roundsF, roundsP, diagM1, roundConstants, ScalarCosts.Bls12381);
        if (SymbolMatches("BN254"u8, field))
            return Poseidon2PermutationImpl<Bn254Fr>(input, t, d, roundsF, roundsP, diagM1, roundConstants, ScalarCosts.Bn254);
        throw CryptoInvalidInput("poseidon2_permutation: invalid field type, must be 0 (BLS12-381) or 1 (BN254)");
    }
}
