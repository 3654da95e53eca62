using System.Numerics;

namespace Replay.Tools.Observations;

/// <summary>
/// The Poseidon parameter generator of the Poseidon paper (Grassi et al., appendix "Grain LFSR",
/// the reference script generate_parameters_grain.sage), as the published HorizenLabs parameter
/// sets (poseidon2 repository, poseidon2_rust_params.sage) instantiate it: an 80-bit Grain LFSR
/// seeded with (field type 2 bits, s-box 4 bits, field size 12, t 12, R_F 10, R_P 10, 30 ones),
/// 160 warm-up clocks, bits taken in pairs (a 1 selects the next bit), constants sampled by
/// rejection below the prime; the Poseidon MDS is the Cauchy matrix 1/(x_i + y_j) of 2t further
/// samples (reduced). Checked in the tests against the published known-answer outputs.
/// </summary>
public sealed class PoseidonGrain
{
    private readonly Queue<int> _state = new();

    public PoseidonGrain(int sbox, int fieldBits, int t, int roundsF, int roundsP)
    {
        void Push(int value, int width)
        {
            for (var i = width - 1; i >= 0; i--)
                _state.Enqueue((value >> i) & 1);
        }
        Push(1, 2); // prime field
        Push(sbox, 4);
        Push(fieldBits, 12);
        Push(t, 12);
        Push(roundsF, 10);
        Push(roundsP, 10);
        for (var i = 0; i < 30; i++)
            _state.Enqueue(1);
        for (var i = 0; i < 160; i++)
            Clock();
    }

    private int Clock()
    {
        var s = _state.ToArray();
        var bit = s[62] ^ s[51] ^ s[38] ^ s[23] ^ s[13] ^ s[0];
        _state.Dequeue();
        _state.Enqueue(bit);
        return bit;
    }

    private int NextBit()
    {
        while (true)
        {
            var b0 = Clock();
            var b1 = Clock();
            if (b0 == 1)
                return b1;
        }
    }

    public BigInteger Bits(int n)
    {
        BigInteger v = 0;
        for (var i = 0; i < n; i++)
            v = (v << 1) | NextBit();
        return v;
    }

    public BigInteger FieldElement(int n, BigInteger prime)
    {
        var v = Bits(n);
        while (v >= prime)
            v = Bits(n);
        return v;
    }

    /// <summary>Poseidon: (R_F + R_P)·t constants (rows of t), then the Cauchy MDS.</summary>
    public static (BigInteger[][] RoundConstants, BigInteger[][] Mds) Poseidon(BigInteger prime, int fieldBits, int t, int roundsF, int roundsP)
    {
        var g = new PoseidonGrain(1, fieldBits, t, roundsF, roundsP);
        var rc = new BigInteger[roundsF + roundsP][];
        for (var r = 0; r < rc.Length; r++)
        {
            rc[r] = new BigInteger[t];
            for (var i = 0; i < t; i++)
                rc[r][i] = g.FieldElement(fieldBits, prime);
        }
        var xs = new BigInteger[2 * t];
        for (var i = 0; i < xs.Length; i++)
            xs[i] = g.Bits(fieldBits) % prime;
        var mds = new BigInteger[t][];
        for (var i = 0; i < t; i++)
        {
            mds[i] = new BigInteger[t];
            for (var j = 0; j < t; j++)
                mds[i][j] = BigInteger.ModPow(xs[i] + xs[t + j], prime - 2, prime);
        }
        return (rc, mds);
    }

    /// <summary>Poseidon2: t constants per full round, one per partial round (the row padded with zeros).</summary>
    public static BigInteger[][] Poseidon2RoundConstants(BigInteger prime, int fieldBits, int t, int roundsF, int roundsP)
    {
        var g = new PoseidonGrain(0, fieldBits, t, roundsF, roundsP);
        var rc = new BigInteger[roundsF + roundsP][];
        for (var r = 0; r < rc.Length; r++)
        {
            var partial = r >= roundsF / 2 && r < roundsF / 2 + roundsP;
            rc[r] = new BigInteger[t];
            for (var i = 0; i < (partial ? 1 : t); i++)
                rc[r][i] = g.FieldElement(fieldBits, prime);
        }
        return rc;
    }
}
