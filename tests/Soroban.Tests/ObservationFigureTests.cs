using Replay.Engines;
using Replay.Soroban.Profile;
using Replay.Tools.Observations;
using Replay.Wasm;
using Replay.Wasm.Runtime;

namespace Replay.Soroban.Tests;

/// <summary>
/// Every observation test tools/Observations reproduces exactly that CI can run without the
/// rs-soroban-env mirror, asserted against the reference's recorded figures, copied as numbers
/// from soroban-env-host/observations/22/&lt;name&gt;.json: the number of steps and the final CPU and
/// memory.
/// <list type="bullet">
/// <item>Host-only scripts (tools/Observations/Scripts*.cs, 85 traces at protocol 22): they run no
/// Wasm, and their recorded figures are the same at d230d7d5 (Wasmi 0.31) and f0bc81b8 (Wasmi
/// 0.36.1), so one row stands for both commits and both engines.</item>
/// <item>The generated dispatch tests <c>test__dispatch__invalid_object_handle_*</c> and
/// <c>test__dispatch__dispatch_with_wrong_arg_type_*</c>
/// (tools/Observations/DispatchScripts.cs; their contracts are synthesized, so no Wasm file is
/// needed): on the stack engine against d230d7d5, on the register engine against f0bc81b8 in each of
/// its modes: they run on <c>Host::test_host_with_recording_footprint()</c>, whose recording
/// storage makes the f0bc81b8 host skip the module cache and parse each contract with an isolated,
/// eagerly compiling engine (see <see cref="ContractObservationTests"/>), whatever the mode.</item>
/// </list>
/// </summary>
public sealed class ObservationFigureTests
{
    /// <summary>test, steps, final cpu, final mem (identical at d230d7d5 and f0bc81b8).</summary>
    public static TheoryData<string, int, ulong, ulong> HostOnly => new()
    {
        { "test__basic__i64_roundtrip", 6, 666, 64 },
        { "test__basic__tuple_roundtrip", 6, 1070, 96 },
        { "test__basic__u32_as_seen_by_host", 2, 0, 0 },
        { "test__basic__u64_roundtrip", 6, 666, 64 },
        { "test__bls12_381__check_g1_is_in_subgroup", 76, 15530076, 8115 },
        { "test__bls12_381__check_g2_is_in_subgroup", 76, 22588232, 12513 },
        { "test__bls12_381__g1_add", 90, 2074350, 9330 },
        { "test__bls12_381__g1_msm", 366, 51471985, 145106 },
        { "test__bls12_381__g1_mul", 26, 19755391, 1952 },
        { "test__bls12_381__g2_add", 90, 2926305, 14418 },
        { "test__bls12_381__g2_msm", 306, 71602967, 239844 },
        { "test__bls12_381__g2_mul", 26, 54302505, 2912 },
        { "test__bls12_381__hash_to_g1", 56, 22544507, 69527 },
        { "test__bls12_381__hash_to_g2", 56, 49427482, 52231 },
        { "test__bls12_381__map_fp2_to_g2", 94, 24283680, 40640 },
        { "test__bls12_381__map_fp_to_g1", 94, 15473350, 60320 },
        { "test__bls12_381__pairing", 178, 44325299, 371018 },
        { "test__bytes__bytes_put_out_of_bound", 6, 1144, 80 },
        { "test__bytes__bytes_slice_start_equal_len", 10, 2894, 228 },
        { "test__bytes__bytes_slice_start_greater_than_end", 6, 1083, 84 },
        { "test__bytes__bytes_slice_start_greater_than_len", 6, 1083, 84 },
        { "test__bytes__bytes_suite_of_tests", 142, 74582, 6172 },
        { "test__bytes__bytes_xdr_roundtrip", 78, 1293751, 17784 },
        { "test__bytes__instantiate_oversized_bytes_from_slice", 3, 5250479, 42000016 },
        { "test__bytes__test_bytes_out_of_cpu_budget", 54, 12614978, 67110879 },
        { "test__bytes__test_bytes_out_of_mem_budget", 60, 100699160, 268437695 },
        { "test__bytes__test_malformed_xdr_decoding", 20, 543557, 1251 },
        { "test__crypto__ed25519_verify_test", 58, 325708054, 10102356 },
        { "test__crypto__keccak256_test", 22, 468833503, 10000128 },
        { "test__crypto__recover_ecdsa_secp256k1_key_test", 32, 893, 0 },
        { "test__crypto__sha256_test", 22, 550317850, 10000128 },
        { "test__crypto__test_secp256r1_signature_verification", 154, 3003910, 0 },
        { "test__map__hetro_map_iter_by_index", 50, 11063, 816 },
        { "test__map__initialization_invalid", 8, 9634216, 42001346 },
        { "test__map__map_build_bad_element_integrity", 14, 4767, 352 },
        { "test__map__map_iter_by_index", 14, 2023, 128 },
        { "test__map__map_keys", 12, 5532, 488 },
        { "test__map__map_put_has_and_get", 10, 2894, 280 },
        { "test__map__map_put_insert_and_remove", 18, 11567, 1440 },
        { "test__map__map_values", 12, 5532, 488 },
        { "test__map__metered_map_initialization", 2, 1887, 192 },
        { "test__map__scmap_duplicate", 2, 581, 64 },
        { "test__map__scmap_invalid_element", 2, 1108, 104 },
        { "test__map__scmap_out_of_order", 2, 590, 88 },
        { "test__num__test_i256_arith", 150, 79159, 2771 },
        { "test__num__test_i256_bytes_roundtrip", 12, 2958, 288 },
        { "test__num__test_num_scval_roundtrips", 350, 60224, 4352 },
        { "test__num__test_num_val_scval_roundtrip_ordering", 1586, 238974, 1792 },
        { "test__num__test_u256_arith", 80, 64933, 1968 },
        { "test__num__test_u256_bytes_roundtrip", 12, 2958, 288 },
        { "test__str__str_conversions", 120, 36718, 2813 },
        { "test__symbol__invalid_chars", 3, 44, 0 },
        { "test__symbol__invalid_symbol_conversions", 54, 19970, 207 },
        { "test__symbol__max_len", 4, 1017, 112 },
        { "test__symbol__overlong", 3, 577, 49 },
        { "test__symbol__valid_long_symbol_conversions", 162, 49103, 3003 },
        { "test__symbol__valid_short_symbol_conversions", 2, 14488, 0 },
        { "test__symbol__zero_len", 2, 0, 0 },
        { "test__tuple__tuple_array_conversions", 2, 0, 0 },
        { "test__tuple__tuple_conversions", 14, 4153, 344 },
        { "test__vec__empty_vec_back", 4, 1126, 80 },
        { "test__vec__empty_vec_front", 4, 1126, 80 },
        { "test__vec__instantiate_oversized_vec_from_slice", 4, 9630767, 42000616 },
        { "test__vec__vec_append", 6, 4477, 464 },
        { "test__vec__vec_append_empty", 6, 2513, 160 },
        { "test__vec__vec_as_seen_by_host", 4, 2213, 176 },
        { "test__vec__vec_binary_search", 10, 1645, 128 },
        { "test__vec__vec_build_bad_element_integrity", 18, 7571, 568 },
        { "test__vec__vec_del_and_cmp", 6, 3368, 296 },
        { "test__vec__vec_del_out_of_bound", 4, 1089, 104 },
        { "test__vec__vec_front_and_back", 6, 1297, 104 },
        { "test__vec__vec_get_out_of_bound", 4, 1089, 104 },
        { "test__vec__vec_index_of", 10, 1653, 128 },
        { "test__vec__vec_insert_and_cmp", 14, 8181, 712 },
        { "test__vec__vec_insert_out_of_bound", 4, 1089, 104 },
        { "test__vec__vec_new", 6, 623, 64 },
        { "test__vec__vec_pop_empty_vec", 4, 1083, 80 },
        { "test__vec__vec_push_pop_and_len", 18, 6033, 432 },
        { "test__vec__vec_push_pop_front", 20, 10474, 832 },
        { "test__vec__vec_put_and_get", 6, 2325, 208 },
        { "test__vec__vec_slice_and_cmp", 10, 4807, 400 },
        { "test__vec__vec_slice_end_out_of_bound", 4, 1089, 104 },
        { "test__vec__vec_slice_start_equal_to_end", 4, 2693, 200 },
        { "test__vec__vec_slice_start_greater_than_end", 4, 1089, 104 },
        { "test__vec__vec_slice_start_out_of_bound", 4, 1089, 104 },
    };

    /// <summary>function and argument (test__dispatch__invalid_object_handle_ + this), engine, steps, final cpu, final mem.</summary>
    public static TheoryData<string, string, int, ulong, ulong> Dispatch => new()
    {
        // stack engine: d230d7d5 (Wasmi 0.31); register engine: f0bc81b8 (Wasmi 0.36.1)
        { "address_to_strkey_arg_0", "stack", 27, 1715000, 909208 },
        { "authorize_as_curr_contract_arg_0", "stack", 27, 1715000, 909208 },
        { "bls12_381_check_g1_is_in_subgroup_arg_0", "stack", 27, 1715000, 909208 },
        { "bls12_381_check_g2_is_in_subgroup_arg_0", "stack", 27, 1715000, 909208 },
        { "bls12_381_g1_add_arg_0", "stack", 27, 1718802, 909759 },
        { "bls12_381_g1_add_arg_1", "stack", 27, 1718863, 909759 },
        { "bls12_381_g1_msm_arg_0", "stack", 27, 1718802, 909759 },
        { "bls12_381_g1_msm_arg_1", "stack", 27, 1718863, 909759 },
        { "bls12_381_g1_mul_arg_0", "stack", 27, 1717927, 909671 },
        { "bls12_381_g2_add_arg_0", "stack", 27, 1718802, 909759 },
        { "bls12_381_g2_add_arg_1", "stack", 27, 1718863, 909759 },
        { "bls12_381_g2_msm_arg_0", "stack", 27, 1718802, 909759 },
        { "bls12_381_g2_msm_arg_1", "stack", 27, 1718863, 909759 },
        { "bls12_381_g2_mul_arg_0", "stack", 27, 1717927, 909671 },
        { "bls12_381_hash_to_g1_arg_0", "stack", 27, 1718802, 909759 },
        { "bls12_381_hash_to_g1_arg_1", "stack", 27, 1718863, 909759 },
        { "bls12_381_hash_to_g2_arg_0", "stack", 27, 1718802, 909759 },
        { "bls12_381_hash_to_g2_arg_1", "stack", 27, 1718863, 909759 },
        { "bls12_381_map_fp2_to_g2_arg_0", "stack", 27, 1715000, 909208 },
        { "bls12_381_map_fp_to_g1_arg_0", "stack", 27, 1715000, 909208 },
        { "bls12_381_multi_pairing_check_arg_0", "stack", 27, 1718802, 909759 },
        { "bls12_381_multi_pairing_check_arg_1", "stack", 27, 1718863, 909759 },
        { "bytes_append_arg_0", "stack", 27, 1718802, 909759 },
        { "bytes_append_arg_1", "stack", 27, 1718863, 909759 },
        { "bytes_back_arg_0", "stack", 27, 1715000, 909208 },
        { "bytes_copy_from_linear_memory_arg_0", "stack", 27, 1723769, 910602 },
        { "bytes_copy_to_linear_memory_arg_0", "stack", 27, 1723769, 910602 },
        { "bytes_del_arg_0", "stack", 27, 1717927, 909671 },
        { "bytes_front_arg_0", "stack", 27, 1715000, 909208 },
        { "bytes_get_arg_0", "stack", 27, 1717927, 909671 },
        { "bytes_insert_arg_0", "stack", 27, 1720840, 910138 },
        { "bytes_len_arg_0", "stack", 27, 1715000, 909208 },
        { "bytes_pop_arg_0", "stack", 27, 1715000, 909208 },
        { "bytes_push_arg_0", "stack", 27, 1717927, 909671 },
        { "bytes_put_arg_0", "stack", 27, 1720840, 910138 },
        { "bytes_slice_arg_0", "stack", 27, 1720840, 910138 },
        { "call_arg_0", "stack", 27, 1721715, 910226 },
        { "call_arg_2", "stack", 27, 1721776, 910226 },
        { "compute_hash_keccak256_arg_0", "stack", 27, 1715000, 909208 },
        { "compute_hash_sha256_arg_0", "stack", 27, 1715000, 909208 },
        { "contract_event_arg_0", "stack", 27, 1717927, 909671 },
        { "create_asset_contract_arg_0", "stack", 27, 1715000, 909208 },
        { "create_contract_arg_0", "stack", 27, 1722590, 910314 },
        { "create_contract_arg_1", "stack", 27, 1722651, 910314 },
        { "create_contract_arg_2", "stack", 27, 1722712, 910314 },
        { "create_contract_with_constructor_arg_0", "stack", 27, 1726394, 910866 },
        { "create_contract_with_constructor_arg_1", "stack", 27, 1726455, 910866 },
        { "create_contract_with_constructor_arg_2", "stack", 27, 1726516, 910866 },
        { "create_contract_with_constructor_arg_3", "stack", 27, 1726577, 910866 },
        { "deserialize_from_bytes_arg_0", "stack", 27, 1715000, 909208 },
        { "duration_obj_to_u64_arg_0", "stack", 27, 1715000, 909208 },
        { "extend_contract_code_ttl_arg_0", "stack", 27, 1720840, 910138 },
        { "extend_contract_instance_and_code_ttl_arg_0", "stack", 27, 1720840, 910138 },
        { "extend_contract_instance_ttl_arg_0", "stack", 27, 1720840, 910138 },
        { "get_asset_contract_id_arg_0", "stack", 27, 1715000, 909208 },
        { "get_contract_id_arg_0", "stack", 27, 1718802, 909759 },
        { "get_contract_id_arg_1", "stack", 27, 1718863, 909759 },
        { "i256_val_from_be_bytes_arg_0", "stack", 27, 1715000, 909208 },
        { "map_del_arg_0", "stack", 27, 1717927, 909671 },
        { "map_get_arg_0", "stack", 27, 1717927, 909671 },
        { "map_has_arg_0", "stack", 27, 1717927, 909671 },
        { "map_key_by_pos_arg_0", "stack", 27, 1717927, 909671 },
        { "map_keys_arg_0", "stack", 27, 1715000, 909208 },
        { "map_len_arg_0", "stack", 27, 1715000, 909208 },
        { "map_put_arg_0", "stack", 27, 1720840, 910138 },
        { "map_unpack_to_linear_memory_arg_0", "stack", 27, 1723769, 910602 },
        { "map_val_by_pos_arg_0", "stack", 27, 1717927, 909671 },
        { "map_values_arg_0", "stack", 27, 1715000, 909208 },
        { "obj_to_i128_hi64_arg_0", "stack", 27, 1715000, 909208 },
        { "obj_to_i128_lo64_arg_0", "stack", 27, 1715000, 909208 },
        { "obj_to_i256_hi_hi_arg_0", "stack", 27, 1715000, 909208 },
        { "obj_to_i256_hi_lo_arg_0", "stack", 27, 1715000, 909208 },
        { "obj_to_i256_lo_hi_arg_0", "stack", 27, 1715000, 909208 },
        { "obj_to_i256_lo_lo_arg_0", "stack", 27, 1715000, 909208 },
        { "obj_to_i64_arg_0", "stack", 27, 1715000, 909208 },
        { "obj_to_u128_hi64_arg_0", "stack", 27, 1715000, 909208 },
        { "obj_to_u128_lo64_arg_0", "stack", 27, 1715000, 909208 },
        { "obj_to_u256_hi_hi_arg_0", "stack", 27, 1715000, 909208 },
        { "obj_to_u256_hi_lo_arg_0", "stack", 27, 1715000, 909208 },
        { "obj_to_u256_lo_hi_arg_0", "stack", 27, 1715000, 909208 },
        { "obj_to_u256_lo_lo_arg_0", "stack", 27, 1715000, 909208 },
        { "obj_to_u64_arg_0", "stack", 27, 1715000, 909208 },
        { "prng_reseed_arg_0", "stack", 27, 1715000, 909208 },
        { "prng_vec_shuffle_arg_0", "stack", 27, 1715000, 909208 },
        { "recover_key_ecdsa_secp256k1_arg_0", "stack", 27, 1721715, 910226 },
        { "recover_key_ecdsa_secp256k1_arg_1", "stack", 27, 1721776, 910226 },
        { "require_auth_arg_0", "stack", 27, 1715000, 909208 },
        { "require_auth_for_args_arg_0", "stack", 27, 1718802, 909759 },
        { "require_auth_for_args_arg_1", "stack", 27, 1718863, 909759 },
        { "string_copy_to_linear_memory_arg_0", "stack", 27, 1723769, 910602 },
        { "string_len_arg_0", "stack", 27, 1715000, 909208 },
        { "symbol_copy_to_linear_memory_arg_0", "stack", 27, 1723769, 910602 },
        { "symbol_len_arg_0", "stack", 27, 1715000, 909208 },
        { "timepoint_obj_to_u64_arg_0", "stack", 27, 1715000, 909208 },
        { "try_call_arg_0", "stack", 27, 1721715, 910226 },
        { "try_call_arg_2", "stack", 27, 1721776, 910226 },
        { "u256_val_from_be_bytes_arg_0", "stack", 27, 1715000, 909208 },
        { "update_current_contract_wasm_arg_0", "stack", 27, 1715000, 909208 },
        { "upload_wasm_arg_0", "stack", 27, 1715000, 909208 },
        { "vec_append_arg_0", "stack", 27, 1718802, 909759 },
        { "vec_append_arg_1", "stack", 27, 1718863, 909759 },
        { "vec_back_arg_0", "stack", 27, 1715000, 909208 },
        { "vec_binary_search_arg_0", "stack", 27, 1717927, 909671 },
        { "vec_del_arg_0", "stack", 27, 1717927, 909671 },
        { "vec_first_index_of_arg_0", "stack", 27, 1717927, 909671 },
        { "vec_front_arg_0", "stack", 27, 1715000, 909208 },
        { "vec_get_arg_0", "stack", 27, 1717927, 909671 },
        { "vec_insert_arg_0", "stack", 27, 1720840, 910138 },
        { "vec_last_index_of_arg_0", "stack", 27, 1717927, 909671 },
        { "vec_len_arg_0", "stack", 27, 1715000, 909208 },
        { "vec_pop_back_arg_0", "stack", 27, 1715000, 909208 },
        { "vec_pop_front_arg_0", "stack", 27, 1715000, 909208 },
        { "vec_push_back_arg_0", "stack", 27, 1717927, 909671 },
        { "vec_push_front_arg_0", "stack", 27, 1717927, 909671 },
        { "vec_put_arg_0", "stack", 27, 1720840, 910138 },
        { "vec_slice_arg_0", "stack", 27, 1720840, 910138 },
        { "vec_unpack_to_linear_memory_arg_0", "stack", 27, 1720840, 910138 },
        { "verify_sig_ecdsa_secp256r1_arg_0", "stack", 27, 1722590, 910314 },
        { "verify_sig_ecdsa_secp256r1_arg_1", "stack", 27, 1722651, 910314 },
        { "verify_sig_ecdsa_secp256r1_arg_2", "stack", 27, 1722712, 910314 },
        { "verify_sig_ed25519_arg_0", "stack", 27, 1722590, 910314 },
        { "verify_sig_ed25519_arg_1", "stack", 27, 1722651, 910314 },
        { "verify_sig_ed25519_arg_2", "stack", 27, 1722712, 910314 },
        { "address_to_strkey_arg_0", "register", 27, 757951, 896805 },
        { "authorize_as_curr_contract_arg_0", "register", 27, 757951, 896805 },
        { "bls12_381_check_g1_is_in_subgroup_arg_0", "register", 27, 757951, 896805 },
        { "bls12_381_check_g2_is_in_subgroup_arg_0", "register", 27, 757951, 896805 },
        { "bls12_381_g1_add_arg_0", "register", 27, 761721, 897218 },
        { "bls12_381_g1_add_arg_1", "register", 27, 761782, 897218 },
        { "bls12_381_g1_msm_arg_0", "register", 27, 761721, 897218 },
        { "bls12_381_g1_msm_arg_1", "register", 27, 761782, 897218 },
        { "bls12_381_g1_mul_arg_0", "register", 27, 760846, 897130 },
        { "bls12_381_g2_add_arg_0", "register", 27, 761721, 897218 },
        { "bls12_381_g2_add_arg_1", "register", 27, 761782, 897218 },
        { "bls12_381_g2_msm_arg_0", "register", 27, 761721, 897218 },
        { "bls12_381_g2_msm_arg_1", "register", 27, 761782, 897218 },
        { "bls12_381_g2_mul_arg_0", "register", 27, 760846, 897130 },
        { "bls12_381_hash_to_g1_arg_0", "register", 27, 761721, 897218 },
        { "bls12_381_hash_to_g1_arg_1", "register", 27, 761782, 897218 },
        { "bls12_381_hash_to_g2_arg_0", "register", 27, 761721, 897218 },
        { "bls12_381_hash_to_g2_arg_1", "register", 27, 761782, 897218 },
        { "bls12_381_map_fp2_to_g2_arg_0", "register", 27, 757951, 896805 },
        { "bls12_381_map_fp_to_g1_arg_0", "register", 27, 757951, 896805 },
        { "bls12_381_multi_pairing_check_arg_0", "register", 27, 761721, 897218 },
        { "bls12_381_multi_pairing_check_arg_1", "register", 27, 761782, 897218 },
        { "bytes_append_arg_0", "register", 27, 761721, 897218 },
        { "bytes_append_arg_1", "register", 27, 761782, 897218 },
        { "bytes_back_arg_0", "register", 27, 757951, 896805 },
        { "bytes_copy_from_linear_memory_arg_0", "register", 27, 766628, 897779 },
        { "bytes_copy_to_linear_memory_arg_0", "register", 27, 766628, 897779 },
        { "bytes_del_arg_0", "register", 27, 760846, 897130 },
        { "bytes_front_arg_0", "register", 27, 757951, 896805 },
        { "bytes_get_arg_0", "register", 27, 760846, 897130 },
        { "bytes_insert_arg_0", "register", 27, 763730, 897453 },
        { "bytes_len_arg_0", "register", 27, 757951, 896805 },
        { "bytes_pop_arg_0", "register", 27, 757951, 896805 },
        { "bytes_push_arg_0", "register", 27, 760846, 897130 },
        { "bytes_put_arg_0", "register", 27, 763730, 897453 },
        { "bytes_slice_arg_0", "register", 27, 763730, 897453 },
        { "call_arg_0", "register", 27, 764605, 897541 },
        { "call_arg_2", "register", 27, 764666, 897541 },
        { "compute_hash_keccak256_arg_0", "register", 27, 757951, 896805 },
        { "compute_hash_sha256_arg_0", "register", 27, 757951, 896805 },
        { "contract_event_arg_0", "register", 27, 760846, 897130 },
        { "create_asset_contract_arg_0", "register", 27, 757951, 896805 },
        { "create_contract_arg_0", "register", 27, 765480, 897629 },
        { "create_contract_arg_1", "register", 27, 765541, 897629 },
        { "create_contract_arg_2", "register", 27, 765602, 897629 },
        { "create_contract_with_constructor_arg_0", "register", 27, 769253, 898043 },
        { "create_contract_with_constructor_arg_1", "register", 27, 769314, 898043 },
        { "create_contract_with_constructor_arg_2", "register", 27, 769375, 898043 },
        { "create_contract_with_constructor_arg_3", "register", 27, 769436, 898043 },
        { "deserialize_from_bytes_arg_0", "register", 27, 757951, 896805 },
        { "duration_obj_to_u64_arg_0", "register", 27, 757951, 896805 },
        { "extend_contract_code_ttl_arg_0", "register", 27, 763730, 897453 },
        { "extend_contract_instance_and_code_ttl_arg_0", "register", 27, 763730, 897453 },
        { "extend_contract_instance_ttl_arg_0", "register", 27, 763730, 897453 },
        { "get_asset_contract_id_arg_0", "register", 27, 757951, 896805 },
        { "get_contract_id_arg_0", "register", 27, 761721, 897218 },
        { "get_contract_id_arg_1", "register", 27, 761782, 897218 },
        { "i256_val_from_be_bytes_arg_0", "register", 27, 757951, 896805 },
        { "map_del_arg_0", "register", 27, 760846, 897130 },
        { "map_get_arg_0", "register", 27, 760846, 897130 },
        { "map_has_arg_0", "register", 27, 760846, 897130 },
        { "map_key_by_pos_arg_0", "register", 27, 760846, 897130 },
        { "map_keys_arg_0", "register", 27, 757951, 896805 },
        { "map_len_arg_0", "register", 27, 757951, 896805 },
        { "map_put_arg_0", "register", 27, 763730, 897453 },
        { "map_unpack_to_linear_memory_arg_0", "register", 27, 766628, 897779 },
        { "map_val_by_pos_arg_0", "register", 27, 760846, 897130 },
        { "map_values_arg_0", "register", 27, 757951, 896805 },
        { "obj_to_i128_hi64_arg_0", "register", 27, 757951, 896805 },
        { "obj_to_i128_lo64_arg_0", "register", 27, 757951, 896805 },
        { "obj_to_i256_hi_hi_arg_0", "register", 27, 757951, 896805 },
        { "obj_to_i256_hi_lo_arg_0", "register", 27, 757951, 896805 },
        { "obj_to_i256_lo_hi_arg_0", "register", 27, 757951, 896805 },
        { "obj_to_i256_lo_lo_arg_0", "register", 27, 757951, 896805 },
        { "obj_to_i64_arg_0", "register", 27, 757951, 896805 },
        { "obj_to_u128_hi64_arg_0", "register", 27, 757951, 896805 },
        { "obj_to_u128_lo64_arg_0", "register", 27, 757951, 896805 },
        { "obj_to_u256_hi_hi_arg_0", "register", 27, 757951, 896805 },
        { "obj_to_u256_hi_lo_arg_0", "register", 27, 757951, 896805 },
        { "obj_to_u256_lo_hi_arg_0", "register", 27, 757951, 896805 },
        { "obj_to_u256_lo_lo_arg_0", "register", 27, 757951, 896805 },
        { "obj_to_u64_arg_0", "register", 27, 757951, 896805 },
        { "prng_reseed_arg_0", "register", 27, 757951, 896805 },
        { "prng_vec_shuffle_arg_0", "register", 27, 757951, 896805 },
        { "recover_key_ecdsa_secp256k1_arg_0", "register", 27, 764605, 897541 },
        { "recover_key_ecdsa_secp256k1_arg_1", "register", 27, 764666, 897541 },
        { "require_auth_arg_0", "register", 27, 757951, 896805 },
        { "require_auth_for_args_arg_0", "register", 27, 761721, 897218 },
        { "require_auth_for_args_arg_1", "register", 27, 761782, 897218 },
        { "string_copy_to_linear_memory_arg_0", "register", 27, 766628, 897779 },
        { "string_len_arg_0", "register", 27, 757951, 896805 },
        { "symbol_copy_to_linear_memory_arg_0", "register", 27, 766628, 897779 },
        { "symbol_len_arg_0", "register", 27, 757951, 896805 },
        { "timepoint_obj_to_u64_arg_0", "register", 27, 757951, 896805 },
        { "try_call_arg_0", "register", 27, 764605, 897541 },
        { "try_call_arg_2", "register", 27, 764666, 897541 },
        { "u256_val_from_be_bytes_arg_0", "register", 27, 757951, 896805 },
        { "update_current_contract_wasm_arg_0", "register", 27, 757951, 896805 },
        { "upload_wasm_arg_0", "register", 27, 757951, 896805 },
        { "vec_append_arg_0", "register", 27, 761721, 897218 },
        { "vec_append_arg_1", "register", 27, 761782, 897218 },
        { "vec_back_arg_0", "register", 27, 757951, 896805 },
        { "vec_binary_search_arg_0", "register", 27, 760846, 897130 },
        { "vec_del_arg_0", "register", 27, 760846, 897130 },
        { "vec_first_index_of_arg_0", "register", 27, 760846, 897130 },
        { "vec_front_arg_0", "register", 27, 757951, 896805 },
        { "vec_get_arg_0", "register", 27, 760846, 897130 },
        { "vec_insert_arg_0", "register", 27, 763730, 897453 },
        { "vec_last_index_of_arg_0", "register", 27, 760846, 897130 },
        { "vec_len_arg_0", "register", 27, 757951, 896805 },
        { "vec_pop_back_arg_0", "register", 27, 757951, 896805 },
        { "vec_pop_front_arg_0", "register", 27, 757951, 896805 },
        { "vec_push_back_arg_0", "register", 27, 760846, 897130 },
        { "vec_push_front_arg_0", "register", 27, 760846, 897130 },
        { "vec_put_arg_0", "register", 27, 763730, 897453 },
        { "vec_slice_arg_0", "register", 27, 763730, 897453 },
        { "vec_unpack_to_linear_memory_arg_0", "register", 27, 763730, 897453 },
        { "verify_sig_ecdsa_secp256r1_arg_0", "register", 27, 765480, 897629 },
        { "verify_sig_ecdsa_secp256r1_arg_1", "register", 27, 765541, 897629 },
        { "verify_sig_ecdsa_secp256r1_arg_2", "register", 27, 765602, 897629 },
        { "verify_sig_ed25519_arg_0", "register", 27, 765480, 897629 },
        { "verify_sig_ed25519_arg_1", "register", 27, 765541, 897629 },
        { "verify_sig_ed25519_arg_2", "register", 27, 765602, 897629 },
    };

    /// <summary>function (test__dispatch__dispatch_with_wrong_arg_type_ + this), engine, steps, final cpu, final mem.</summary>
    public static TheoryData<string, string, int, ulong, ulong> WrongArgType => new()
    {
        // stack engine: d230d7d5 (Wasmi 0.31); register engine: f0bc81b8 (Wasmi 0.36.1)
        { "bls12_381_fr_pow", "stack", 187, 8614606, 6244775 },
        { "call", "stack", 187, 8654962, 6249578 },
        { "contract_event", "stack", 197, 9045326, 6578201 },
        { "create_contract", "stack", 197, 9085829, 6583272 },
        { "duration_obj_to_u64", "stack", 192, 8820010, 6408220 },
        { "fail_with_error", "stack", 197, 9035592, 6574872 },
        { "i256_val_to_be_bytes", "stack", 187, 8604863, 6241592 },
        { "log_from_linear_memory", "stack", 197, 9065985, 6584970 },
        { "map_put", "stack", 197, 9055379, 6581592 },
        { "obj_cmp", "stack", 22, 1502071, 742934 },
        { "obj_to_i128_lo64", "stack", 192, 8820010, 6408220 },
        { "obj_to_i256_hi_hi", "stack", 192, 8820010, 6408220 },
        { "obj_to_i64", "stack", 197, 9035157, 6574848 },
        { "obj_to_u128_lo64", "stack", 192, 8820010, 6408220 },
        { "obj_to_u256_hi_hi", "stack", 192, 8820010, 6408220 },
        { "obj_to_u64", "stack", 192, 8820010, 6408220 },
        { "string_copy_to_linear_memory", "stack", 197, 9065550, 6584946 },
        { "symbol_copy_to_linear_memory", "stack", 192, 8849767, 6418062 },
        { "timepoint_obj_to_u64", "stack", 192, 8820010, 6408220 },
        { "u256_val_from_be_bytes", "stack", 197, 9035157, 6574848 },
        { "u256_val_to_be_bytes", "stack", 187, 8604863, 6241592 },
        { "bls12_381_fr_pow", "register", 187, 6169269, 6095818 },
        { "call", "register", 187, 6203132, 6098877 },
        { "contract_event", "register", 197, 6506973, 6420718 },
        { "create_contract", "register", 197, 6540579, 6423945 },
        { "duration_obj_to_u64", "register", 192, 6334896, 6256722 },
        { "fail_with_error", "register", 197, 6504173, 6419159 },
        { "i256_val_to_be_bytes", "register", 187, 6166054, 6094309 },
        { "log_from_linear_memory", "register", 197, 6513836, 6423873 },
        { "map_put", "register", 197, 6510129, 6422265 },
        { "obj_cmp", "register", 22, 591498, 734656 },
        { "obj_to_i128_lo64", "register", 192, 6334896, 6256722 },
        { "obj_to_i256_hi_hi", "register", 192, 6334896, 6256722 },
        { "obj_to_i64", "register", 197, 6503738, 6419135 },
        { "obj_to_u128_lo64", "register", 192, 6334896, 6256722 },
        { "obj_to_u256_hi_hi", "register", 192, 6334896, 6256722 },
        { "obj_to_u64", "register", 192, 6334896, 6256722 },
        { "string_copy_to_linear_memory", "register", 197, 6513401, 6423849 },
        { "symbol_copy_to_linear_memory", "register", 192, 6344530, 6261326 },
        { "timepoint_obj_to_u64", "register", 192, 6334896, 6256722 },
        { "u256_val_from_be_bytes", "register", 197, 6503738, 6419135 },
        { "u256_val_to_be_bytes", "register", 187, 6166054, 6094309 },
    };

    /// <summary>
    /// The invalid-handle tests of functions newer than protocol 22 (test__dispatch__invalid_object_handle_ + this):
    /// steps, final cpu, final mem of b03d2563's flat observations (generated at protocol 27; its
    /// soroban-wasmi is Wasmi 0.31's line, so the stack engine), reproduced at every step with
    /// <c>--flat</c>.
    /// </summary>
    public static TheoryData<string, int, ulong, ulong> FlatDispatch => new()
    {
        { "bls12_381_g1_is_on_curve_arg_0", 27, 1718032, 909232 },
        { "bls12_381_g2_is_on_curve_arg_0", 27, 1718032, 909232 },
        { "bn254_g1_add_arg_0", 27, 1721836, 909799 },
        { "bn254_g1_add_arg_1", 27, 1721897, 909799 },
        { "bn254_g1_is_on_curve_arg_0", 27, 1718032, 909232 },
        { "bn254_g1_msm_arg_0", 27, 1721836, 909799 },
        { "bn254_g1_msm_arg_1", 27, 1721897, 909799 },
        { "bn254_g1_mul_arg_0", 27, 1720959, 909695 },
        { "bn254_multi_pairing_check_arg_0", 27, 1721836, 909799 },
        { "bn254_multi_pairing_check_arg_1", 27, 1721897, 909799 },
        { "bytes_to_string_arg_0", 27, 1718032, 909232 },
        { "delegate_account_auth_arg_0", 27, 1718032, 909232 },
        { "extend_contract_instance_and_code_ttl_v2_arg_0", 27, 1729713, 911090 },
        { "get_address_executable_arg_0", 27, 1718032, 909232 },
        { "get_address_from_muxed_address_arg_0", 27, 1718032, 909232 },
        { "get_id_from_muxed_address_arg_0", 27, 1718032, 909232 },
        { "poseidon2_permutation_arg_0", 27, 1740227, 912690 },
        { "poseidon2_permutation_arg_6", 27, 1740288, 912690 },
        { "poseidon2_permutation_arg_7", 27, 1740349, 912690 },
        { "poseidon_permutation_arg_0", 27, 1740227, 912690 },
        { "poseidon_permutation_arg_6", 27, 1740288, 912690 },
        { "poseidon_permutation_arg_7", 27, 1740349, 912690 },
        { "string_to_bytes_arg_0", 27, 1718032, 909232 },
    };

    [Theory]
    [MemberData(nameof(HostOnly))]
    public void HostOnlyScriptsReproduceTheRecordedFigures(string test, int steps, ulong cpu, ulong mem)
    {
        var sh = new ScriptHost(22, Scripts.SeededPrng.Contains(test));
        Scripts.All[test](sh);
        var trace = sh.Finish();
        Assert.Equal(steps, trace.Count);
        Assert.Equal((cpu, mem), (trace[^1].Cpu, trace[^1].Mem));
    }

    [Theory]
    [MemberData(nameof(Dispatch))]
    public void DispatchTestsReproduceTheRecordedFigures(string test, string engineName, int steps, ulong cpu, ulong mem) =>
        RunDispatch("test__dispatch__invalid_object_handle_" + test, engineName, steps, cpu, mem);

    [Theory]
    [MemberData(nameof(WrongArgType))]
    public void WrongArgumentTypeTestsReproduceTheRecordedFigures(string test, string engineName, int steps, ulong cpu, ulong mem) =>
        RunDispatch("test__dispatch__dispatch_with_wrong_arg_type_" + test, engineName, steps, cpu, mem);

    [Theory]
    [MemberData(nameof(FlatDispatch))]
    public void NewerFunctionsDispatchTestsReproduceTheFlatFigures(string test, int steps, ulong cpu, ulong mem) =>
        RunDispatch("test__dispatch__invalid_object_handle_" + test, "stack", steps, cpu, mem, protocol: 27);

    private static void RunDispatch(string test, string engineName, int steps, ulong cpu, ulong mem, int protocol = 22)
    {
        var engine = EngineCatalog.Get(engineName);
        foreach (var mode in engine.Modes)
        {
            var contractEngine = new EngineVariant(engine, mode).Create(SorobanProfile.Config(engine.Generation, mode));
            var sh = ScriptHost.ForContracts(protocol, contractEngine, ScriptHost.DefaultBudgetFor(contractEngine),
                path => throw new InvalidOperationException($"the dispatch tests synthesize their contracts; none loads {path}"));
            DispatchScripts.All[test](sh);
            var trace = sh.Finish();
            Assert.Equal(steps, trace.Count);
            Assert.Equal((cpu, mem), (trace[^1].Cpu, trace[^1].Mem));
        }
    }

    [Fact]
    public void EveryObjectArgumentOfEveryProtocol22FunctionHasADispatchScript()
    {
        // 123 invalid-handle tests at protocol 22, as the reference generates them (all in the
        // table above), and 21 wrong-argument-type tests.
        Assert.Equal(123, DispatchScripts.All.Keys.Count(k => k.StartsWith("test__dispatch__invalid_object_handle_", StringComparison.Ordinal)
            && !DispatchScripts.AfterProtocol22.Contains(k)));
        // And 23 more for the functions of protocols 23-27, as b03d2563 generates them at protocol 27.
        Assert.Equal(23, DispatchScripts.AfterProtocol22.Count);
        Assert.Equal(21, DispatchScripts.All.Keys.Count(k => k.StartsWith("test__dispatch__dispatch_with_wrong_arg_type_", StringComparison.Ordinal)));
    }

    [Fact]
    public void EveryInvalidHandleScriptHasItsFiguresOnBothEngines()
    {
        const string prefix = "test__dispatch__invalid_object_handle_";
        var scripts = DispatchScripts.All.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && !DispatchScripts.AfterProtocol22.Contains(k))
            .Select(k => k[prefix.Length..]).Order(StringComparer.Ordinal).ToList();
        foreach (var engine in new[] { "stack", "register" })
        {
            var pinned = Dispatch.Select(row => ((string)row[0], (string)row[1])).Where(r => r.Item2 == engine).Select(r => r.Item1).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(scripts, pinned);
        }
        var flat = FlatDispatch.Select(row => prefix + (string)row[0]).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(DispatchScripts.AfterProtocol22.Order(StringComparer.Ordinal).ToList(), flat);
    }
}
