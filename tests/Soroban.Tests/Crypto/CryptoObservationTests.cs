using System.Diagnostics;
using Replay.Soroban.Budget;
using Replay.Tools.Observations;
using Xunit;

namespace Replay.Soroban.Tests.Crypto;

/// <summary>
/// The crypto observation scripts (tools/Observations/Scripts.Crypto.cs) against the final budget
/// figures of rs-soroban-env's traces, copied as numbers: observations/22/*.json at d230d7d5
/// (protocol 22, v22 default budget) and the flat observations/*.json at b03d2563 (protocol 27,
/// that commit's default budget). Every step of these traces was reproduced with the harness
/// (dotnet run --project tools/Observations -- --mirror DIR [--flat]); CI keeps the totals.
/// </summary>
public sealed class CryptoObservationTests
{
    public static TheoryData<string, int, ulong, ulong> Finals => new()
    {
        // d230d7d5, observations/22
        { "test__bls12_381__check_g1_is_in_subgroup", 22, 15530076, 8115 },
        { "test__bls12_381__check_g2_is_in_subgroup", 22, 22588232, 12513 },
        { "test__bls12_381__g1_add", 22, 2074350, 9330 },
        { "test__bls12_381__g2_add", 22, 2926305, 14418 },
        { "test__bls12_381__g1_mul", 22, 19755391, 1952 },
        { "test__bls12_381__g2_mul", 22, 54302505, 2912 },
        { "test__bls12_381__g1_msm", 22, 51471985, 145106 },
        { "test__bls12_381__g2_msm", 22, 71602967, 239844 },
        { "test__bls12_381__hash_to_g1", 22, 22544507, 69527 },
        { "test__bls12_381__hash_to_g2", 22, 49427482, 52231 },
        { "test__bls12_381__map_fp_to_g1", 22, 15473350, 60320 },
        { "test__bls12_381__map_fp2_to_g2", 22, 24283680, 40640 },
        { "test__bls12_381__pairing", 22, 44325299, 371018 },
        { "test__crypto__ed25519_verify_test", 22, 325708054, 10102356 },
        { "test__crypto__recover_ecdsa_secp256k1_key_test", 22, 893, 0 },
        { "test__crypto__test_secp256r1_signature_verification", 22, 3003910, 0 },
        // b03d2563, observations/ (protocol 27)
        { "test__bls12_381__g1_is_on_curve", 27, 267254, 12307 },
        { "test__bls12_381__g2_is_on_curve", 27, 529699, 18433 },
        { "test__bls12_381__g1_add", 27, 2074456, 10178 },
        { "test__bls12_381__map_fp_to_g1", 27, 10266720, 33040 },
        { "test__bls12_381__hash_to_g1", 27, 18535852, 45151 },
        { "test__crypto__ed25519_verify_test", 27, 325708096, 10102692 },
        { "test__bn254__test_bn254_g1_add", 27, 155016, 6886 },
        { "test__bn254__test_bn254_g1_mul", 27, 6948303, 1840 },
        { "test__bn254__test_bn254_g1_msm", 27, 10926364, 384649 },
        { "test__bn254__test_bn254_g1_is_on_curve", 27, 106867, 6099 },
        { "test__bn254__test_bn254_fr_arithmetic", 27, 127637, 7104 },
        { "test__bn254__test_bn254_multi_pairing_check", 27, 11408419, 100612 },
        { "test__bn254__test_bn254_g1_deserialize_rejects_y_sign_bit", 27, 28180, 3200 },
        { "test__bn254__test_bn254_g1_deserialize_rejects_infinity_bit", 27, 2818, 320 },
        { "test__bn254__test_bn254_g2_deserialize_rejects_y_sign_bit", 27, 14121, 2464 },
        { "test__bn254__test_bn254_g2_deserialize_rejects_infinity_bit", 27, 3546, 448 },
        { "test__poseidon__poseidon__test_poseidon_bn254_hostfn_success", 27, 1451254, 125424 },
        { "test__poseidon__poseidon__test_poseidon_bls12_381_hostfn_success", 27, 1449439, 112224 },
        { "test__poseidon__poseidon2__test_poseidon2_bn254_hostfn_success", 27, 1072630, 96896 },
        { "test__poseidon__poseidon2__test_poseidon2_bls12_381_hostfn_success", 27, 1071031, 84080 },
    };

    [Theory]
    [MemberData(nameof(Finals))]
    public void FinalBudgetMatchesTheReferenceTrace(string test, int protocol, ulong cpu, ulong mem)
    {
        var host = new ScriptHost(protocol, seededPrng: false, protocol >= 27 ? DefaultCostParams.B03d2563 : null);
        Scripts.All[test](host);
        var steps = host.Finish();
        Assert.Equal((cpu, mem), (steps[^1].Cpu, steps[^1].Mem));
    }

    // test__bls12_381__g1_msm (d230d7d5, protocol 22) steps 5-10: bls12_381_g1_msm on two empty
    // vectors calls vec_len twice (cpu 1124 → 1246, 1741 → 1863, mem 144 after the MemAlloc of 0
    // points) and fails after the Bls12381G1Msm charge at cpu 2429080, mem 109654.
    [Fact]
    public void MsmOfEmptyVectorsChargesBeforeFailing()
    {
        var host = new ScriptHost();
        Scripts.All["test__bls12_381__g1_msm"](host);
        var steps = host.Finish();
        Assert.Equal("vec_len", steps[6].Function);
        Assert.Equal((1124UL, 1246UL), (steps[6].Cpu, steps[7].Cpu));
        Assert.Equal((1741UL, 144UL), (steps[8].Cpu, steps[8].Mem));
        Assert.Equal((2429080UL, 109654UL), (steps[10].Cpu, steps[10].Mem));
        Assert.Equal("Crypto, InvalidInput", steps[10].Error);
    }
}
