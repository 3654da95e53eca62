using Replay.Soroban.Values;
using static Replay.Soroban.Host.Host;

namespace Replay.Soroban.Functions;

/// <summary>
/// The implemented host functions, by name. Each entry adapts the raw argument words to a typed
/// method of <see cref="Host.Host"/> (arguments are absolute and already type-checked by the
/// caller: <see cref="Host.Host.DispatchFromGuest"/> or <see cref="Host.Host.Invoke(HostFunctionInfo, ReadOnlySpan{ulong})"/>).
/// A name absent here is not implemented yet (see src/Soroban/README.md).
/// </summary>
public static class HostFunctionImpls
{
    private static Val V(ReadOnlySpan<ulong> a, int i) => new(a[i]);

    private static uint U(ReadOnlySpan<ulong> a, int i) => new Val(a[i]).AsU32;

    private static ulong R(Val v) => v.Payload;

    private static StorageType S(ReadOnlySpan<ulong> a, int i) => (StorageType)a[i];

    private static readonly Dictionary<string, HostFunctionImpl> Table = new(StringComparer.Ordinal)
    {
        // ---- x (context) ----
        ["log_from_linear_memory"] = static (h, a) => R(h.LogFromLinearMemory(U(a, 0), U(a, 1), U(a, 2), U(a, 3))),
        ["contract_event"] = static (h, a) => R(h.ContractEvent(V(a, 0), V(a, 1))),
        ["get_current_contract_address"] = static (h, a) => R(h.GetCurrentContractAddress()),
        ["obj_cmp"] = static (h, a) => (ulong)h.ObjCmp(V(a, 0), V(a, 1)),
        ["get_ledger_version"] = static (h, a) => R(h.GetLedgerVersion()),
        ["get_ledger_sequence"] = static (h, a) => R(h.GetLedgerSequence()),
        ["get_ledger_timestamp"] = static (h, a) => R(h.GetLedgerTimestamp()),
        ["fail_with_error"] = static (h, a) => R(h.FailWithError(V(a, 0))),
        ["get_ledger_network_id"] = static (h, a) => R(h.GetLedgerNetworkId()),
        ["get_max_live_until_ledger"] = static (h, a) => R(h.GetMaxLiveUntilLedger()),

        // ---- i (int) ----
        ["obj_from_u64"] = static (h, a) => R(h.ObjFromU64(a[0])),
        ["obj_to_u64"] = static (h, a) => h.ObjToU64(V(a, 0)),
        ["obj_from_i64"] = static (h, a) => R(h.ObjFromI64((long)a[0])),
        ["obj_to_i64"] = static (h, a) => (ulong)h.ObjToI64(V(a, 0)),
        ["timepoint_obj_from_u64"] = static (h, a) => R(h.TimepointObjFromU64(a[0])),
        ["timepoint_obj_to_u64"] = static (h, a) => h.TimepointObjToU64(V(a, 0)),
        ["duration_obj_from_u64"] = static (h, a) => R(h.DurationObjFromU64(a[0])),
        ["duration_obj_to_u64"] = static (h, a) => h.DurationObjToU64(V(a, 0)),
        ["obj_from_u128_pieces"] = static (h, a) => R(h.ObjFromU128Pieces(a[0], a[1])),
        ["obj_to_u128_lo64"] = static (h, a) => h.ObjToU128Lo64(V(a, 0)),
        ["obj_to_u128_hi64"] = static (h, a) => h.ObjToU128Hi64(V(a, 0)),
        ["obj_from_i128_pieces"] = static (h, a) => R(h.ObjFromI128Pieces((long)a[0], a[1])),
        ["obj_to_i128_lo64"] = static (h, a) => h.ObjToI128Lo64(V(a, 0)),
        ["obj_to_i128_hi64"] = static (h, a) => (ulong)h.ObjToI128Hi64(V(a, 0)),
        ["obj_from_u256_pieces"] = static (h, a) => R(h.ObjFromU256Pieces(a[0], a[1], a[2], a[3])),
        ["u256_val_from_be_bytes"] = static (h, a) => R(h.U256ValFromBeBytes(V(a, 0))),
        ["u256_val_to_be_bytes"] = static (h, a) => R(h.U256ValToBeBytes(V(a, 0))),
        ["obj_to_u256_hi_hi"] = static (h, a) => h.ObjToU256Piece(V(a, 0), 0),
        ["obj_to_u256_hi_lo"] = static (h, a) => h.ObjToU256Piece(V(a, 0), 1),
        ["obj_to_u256_lo_hi"] = static (h, a) => h.ObjToU256Piece(V(a, 0), 2),
        ["obj_to_u256_lo_lo"] = static (h, a) => h.ObjToU256Piece(V(a, 0), 3),
        ["obj_from_i256_pieces"] = static (h, a) => R(h.ObjFromI256Pieces((long)a[0], a[1], a[2], a[3])),
        ["i256_val_from_be_bytes"] = static (h, a) => R(h.I256ValFromBeBytes(V(a, 0))),
        ["i256_val_to_be_bytes"] = static (h, a) => R(h.I256ValToBeBytes(V(a, 0))),
        ["obj_to_i256_hi_hi"] = static (h, a) => h.ObjToI256Piece(V(a, 0), 0),
        ["obj_to_i256_hi_lo"] = static (h, a) => h.ObjToI256Piece(V(a, 0), 1),
        ["obj_to_i256_lo_hi"] = static (h, a) => h.ObjToI256Piece(V(a, 0), 2),
        ["obj_to_i256_lo_lo"] = static (h, a) => h.ObjToI256Piece(V(a, 0), 3),
        ["u256_add"] = Big(BigOp.Add, false, false),
        ["u256_sub"] = Big(BigOp.Sub, false, false),
        ["u256_mul"] = Big(BigOp.Mul, false, false),
        ["u256_div"] = Big(BigOp.Div, false, false),
        ["u256_rem_euclid"] = Big(BigOp.RemEuclid, false, false),
        ["u256_pow"] = Big(BigOp.Pow, false, false),
        ["u256_shl"] = Big(BigOp.Shl, false, false),
        ["u256_shr"] = Big(BigOp.Shr, false, false),
        ["i256_add"] = Big(BigOp.Add, true, false),
        ["i256_sub"] = Big(BigOp.Sub, true, false),
        ["i256_mul"] = Big(BigOp.Mul, true, false),
        ["i256_div"] = Big(BigOp.Div, true, false),
        ["i256_rem_euclid"] = Big(BigOp.RemEuclid, true, false),
        ["i256_pow"] = Big(BigOp.Pow, true, false),
        ["i256_shl"] = Big(BigOp.Shl, true, false),
        ["i256_shr"] = Big(BigOp.Shr, true, false),
        ["u256_checked_add"] = Big(BigOp.Add, false, true),
        ["u256_checked_sub"] = Big(BigOp.Sub, false, true),
        ["u256_checked_mul"] = Big(BigOp.Mul, false, true),
        ["u256_checked_pow"] = Big(BigOp.Pow, false, true),
        ["i256_checked_add"] = Big(BigOp.Add, true, true),
        ["i256_checked_sub"] = Big(BigOp.Sub, true, true),
        ["i256_checked_mul"] = Big(BigOp.Mul, true, true),
        ["i256_checked_pow"] = Big(BigOp.Pow, true, true),

        // ---- m (map) ----
        ["map_new"] = static (h, a) => R(h.MapNew()),
        ["map_put"] = static (h, a) => R(h.MapPut(V(a, 0), V(a, 1), V(a, 2))),
        ["map_get"] = static (h, a) => R(h.MapGet(V(a, 0), V(a, 1))),
        ["map_del"] = static (h, a) => R(h.MapDel(V(a, 0), V(a, 1))),
        ["map_len"] = static (h, a) => R(h.MapLen(V(a, 0))),
        ["map_has"] = static (h, a) => R(h.MapHas(V(a, 0), V(a, 1))),
        ["map_key_by_pos"] = static (h, a) => R(h.MapKeyByPos(V(a, 0), U(a, 1))),
        ["map_val_by_pos"] = static (h, a) => R(h.MapValByPos(V(a, 0), U(a, 1))),
        ["map_keys"] = static (h, a) => R(h.MapKeys(V(a, 0))),
        ["map_values"] = static (h, a) => R(h.MapValues(V(a, 0))),
        ["map_new_from_linear_memory"] = static (h, a) => R(h.MapNewFromLinearMemory(U(a, 0), U(a, 1), U(a, 2))),
        ["map_unpack_to_linear_memory"] = static (h, a) => R(h.MapUnpackToLinearMemory(V(a, 0), U(a, 1), U(a, 2), U(a, 3))),

        // ---- v (vec) ----
        ["vec_new"] = static (h, a) => R(h.VecNew()),
        ["vec_put"] = static (h, a) => R(h.VecPut(V(a, 0), U(a, 1), V(a, 2))),
        ["vec_get"] = static (h, a) => R(h.VecGet(V(a, 0), U(a, 1))),
        ["vec_del"] = static (h, a) => R(h.VecDel(V(a, 0), U(a, 1))),
        ["vec_len"] = static (h, a) => R(h.VecLen(V(a, 0))),
        ["vec_push_front"] = static (h, a) => R(h.VecPushFront(V(a, 0), V(a, 1))),
        ["vec_pop_front"] = static (h, a) => R(h.VecPopFront(V(a, 0))),
        ["vec_push_back"] = static (h, a) => R(h.VecPushBack(V(a, 0), V(a, 1))),
        ["vec_pop_back"] = static (h, a) => R(h.VecPopBack(V(a, 0))),
        ["vec_front"] = static (h, a) => R(h.VecFront(V(a, 0))),
        ["vec_back"] = static (h, a) => R(h.VecBack(V(a, 0))),
        ["vec_insert"] = static (h, a) => R(h.VecInsert(V(a, 0), U(a, 1), V(a, 2))),
        ["vec_append"] = static (h, a) => R(h.VecAppend(V(a, 0), V(a, 1))),
        ["vec_slice"] = static (h, a) => R(h.VecSlice(V(a, 0), U(a, 1), U(a, 2))),
        ["vec_first_index_of"] = static (h, a) => R(h.VecFirstIndexOf(V(a, 0), V(a, 1))),
        ["vec_last_index_of"] = static (h, a) => R(h.VecLastIndexOf(V(a, 0), V(a, 1))),
        ["vec_binary_search"] = static (h, a) => h.VecBinarySearch(V(a, 0), V(a, 1)),
        ["vec_new_from_linear_memory"] = static (h, a) => R(h.VecNewFromLinearMemory(U(a, 0), U(a, 1))),
        ["vec_unpack_to_linear_memory"] = static (h, a) => R(h.VecUnpackToLinearMemory(V(a, 0), U(a, 1), U(a, 2))),

        // ---- b (buf) ----
        ["serialize_to_bytes"] = static (h, a) => R(h.SerializeToBytes(V(a, 0))),
        ["deserialize_from_bytes"] = static (h, a) => R(h.DeserializeFromBytes(V(a, 0))),
        ["string_copy_to_linear_memory"] = static (h, a) => R(h.BufCopyToLinearMemory<Objects.StringObject>(V(a, 0), U(a, 1), U(a, 2), U(a, 3))),
        ["symbol_copy_to_linear_memory"] = static (h, a) => R(h.BufCopyToLinearMemory<Objects.SymbolObject>(V(a, 0), U(a, 1), U(a, 2), U(a, 3))),
        ["bytes_copy_to_linear_memory"] = static (h, a) => R(h.BufCopyToLinearMemory<Objects.BytesObject>(V(a, 0), U(a, 1), U(a, 2), U(a, 3))),
        ["bytes_copy_from_linear_memory"] = static (h, a) => R(h.BytesCopyFromLinearMemory(V(a, 0), U(a, 1), U(a, 2), U(a, 3))),
        ["bytes_new_from_linear_memory"] = static (h, a) => R(h.BufNewFromLinearMemory(Tag.BytesObject, U(a, 0), U(a, 1))),
        ["string_new_from_linear_memory"] = static (h, a) => R(h.BufNewFromLinearMemory(Tag.StringObject, U(a, 0), U(a, 1))),
        ["symbol_new_from_linear_memory"] = static (h, a) => R(h.BufNewFromLinearMemory(Tag.SymbolObject, U(a, 0), U(a, 1))),
        ["symbol_index_in_linear_memory"] = static (h, a) => R(h.SymbolIndexInLinearMemory(V(a, 0), U(a, 1), U(a, 2))),
        ["bytes_new"] = static (h, a) => R(h.BytesNew()),
        ["bytes_put"] = static (h, a) => R(h.BytesPut(V(a, 0), U(a, 1), V(a, 2))),
        ["bytes_get"] = static (h, a) => R(h.BytesGet(V(a, 0), U(a, 1))),
        ["bytes_del"] = static (h, a) => R(h.BytesDel(V(a, 0), U(a, 1))),
        ["bytes_len"] = static (h, a) => R(h.BytesLen(V(a, 0))),
        ["string_len"] = static (h, a) => R(h.StringLen(V(a, 0))),
        ["symbol_len"] = static (h, a) => R(h.SymbolLen(V(a, 0))),
        ["bytes_push"] = static (h, a) => R(h.BytesPush(V(a, 0), V(a, 1))),
        ["bytes_pop"] = static (h, a) => R(h.BytesPop(V(a, 0))),
        ["bytes_front"] = static (h, a) => R(h.BytesFront(V(a, 0))),
        ["bytes_back"] = static (h, a) => R(h.BytesBack(V(a, 0))),
        ["bytes_insert"] = static (h, a) => R(h.BytesInsert(V(a, 0), U(a, 1), V(a, 2))),
        ["bytes_append"] = static (h, a) => R(h.BytesAppend(V(a, 0), V(a, 1))),
        ["bytes_slice"] = static (h, a) => R(h.BytesSlice(V(a, 0), U(a, 1), U(a, 2))),
        ["string_to_bytes"] = static (h, a) => R(h.StringToBytes(V(a, 0))),
        ["bytes_to_string"] = static (h, a) => R(h.BytesToString(V(a, 0))),

        // ---- l (ledger): storage, TTL, deployment from Wasm ----
        ["put_contract_data"] = static (h, a) => R(h.PutContractData(V(a, 0), V(a, 1), S(a, 2))),
        ["has_contract_data"] = static (h, a) => R(h.HasContractData(V(a, 0), S(a, 1))),
        ["get_contract_data"] = static (h, a) => R(h.GetContractData(V(a, 0), S(a, 1))),
        ["del_contract_data"] = static (h, a) => R(h.DelContractData(V(a, 0), S(a, 1))),
        ["extend_contract_data_ttl"] = static (h, a) => R(h.ExtendContractDataTtl(V(a, 0), S(a, 1), U(a, 2), U(a, 3))),
        ["extend_current_contract_instance_and_code_ttl"] = static (h, a) => R(h.ExtendCurrentContractInstanceAndCodeTtl(U(a, 0), U(a, 1))),
        ["extend_contract_instance_and_code_ttl"] = static (h, a) => R(h.ExtendContractInstanceAndCodeTtl(V(a, 0), U(a, 1), U(a, 2))),
        ["extend_contract_instance_ttl"] = static (h, a) => R(h.ExtendContractInstanceTtl(V(a, 0), U(a, 1), U(a, 2))),
        ["extend_contract_code_ttl"] = static (h, a) => R(h.ExtendContractCodeTtl(V(a, 0), U(a, 1), U(a, 2))),
        ["extend_contract_data_ttl_v2"] = static (h, a) => R(h.ExtendContractDataTtlV2(V(a, 0), S(a, 1), U(a, 2), U(a, 3), U(a, 4))),
        ["extend_contract_instance_and_code_ttl_v2"] = static (h, a) => R(h.ExtendContractInstanceAndCodeTtlV2(V(a, 0), (uint)a[1], U(a, 2), U(a, 3), U(a, 4))),
        ["upload_wasm"] = static (h, a) => R(h.UploadWasm(V(a, 0))),
        ["create_contract"] = static (h, a) => R(h.CreateContract(V(a, 0), V(a, 1), V(a, 2))),
        ["create_contract_with_constructor"] = static (h, a) => R(h.CreateContractWithConstructor(V(a, 0), V(a, 1), V(a, 2), V(a, 3))),
        ["get_address_from_muxed_address"] = static (h, a) => R(h.GetAddressFromMuxedAddress(V(a, 0))),
        ["get_id_from_muxed_address"] = static (h, a) => R(h.GetIdFromMuxedAddress(V(a, 0))),
        ["create_asset_contract"] = static (h, a) => R(h.CreateAssetContract(V(a, 0))),
        ["get_asset_contract_id"] = static (h, a) => R(h.GetAssetContractId(V(a, 0))),
        ["get_contract_id"] = static (h, a) => R(h.GetContractId(V(a, 0), V(a, 1))),
        ["update_current_contract_wasm"] = static (h, a) => R(h.UpdateCurrentContractWasm(V(a, 0))),

        // ---- a (address: authorization) ----
        ["require_auth"] = static (h, a) => R(h.RequireAuth(V(a, 0))),
        ["require_auth_for_args"] = static (h, a) => R(h.RequireAuthForArgs(V(a, 0), V(a, 1))),
        ["authorize_as_curr_contract"] = static (h, a) => R(h.AuthorizeAsCurrContract(V(a, 0))),
        ["delegate_account_auth"] = static (h, a) => R(h.DelegateAccountAuth(V(a, 0))),
        ["get_delegated_signers_for_current_auth_check"] = static (h, a) => R(h.GetDelegatedSignersForCurrentAuthCheck()),
        ["strkey_to_address"] = static (h, a) => R(h.StrkeyToAddress(V(a, 0))),
        ["address_to_strkey"] = static (h, a) => R(h.AddressToStrkey(V(a, 0))),
        ["get_address_executable"] = static (h, a) => R(h.GetAddressExecutable(V(a, 0))),
        ["strkey_to_muxed_address"] = static (h, a) => R(h.StrkeyToMuxedAddress(V(a, 0))),
        ["muxed_address_to_strkey"] = static (h, a) => R(h.MuxedAddressToStrkey(V(a, 0))),

        // ---- d (call) ----
        ["call"] = static (h, a) => R(h.Call(V(a, 0), V(a, 1), V(a, 2))),
        ["try_call"] = static (h, a) => R(h.TryCall(V(a, 0), V(a, 1), V(a, 2))),

        // ---- c (crypto) ----
        ["compute_hash_sha256"] = static (h, a) => R(h.ComputeHashSha256(V(a, 0))),
        ["compute_hash_keccak256"] = static (h, a) => R(h.ComputeHashKeccak256(V(a, 0))),
        ["verify_sig_ed25519"] = static (h, a) => R(h.VerifySigEd25519(V(a, 0), V(a, 1), V(a, 2))),
        ["recover_key_ecdsa_secp256k1"] = static (h, a) => R(h.RecoverKeyEcdsaSecp256k1(V(a, 0), V(a, 1), V(a, 2))),
        ["verify_sig_ecdsa_secp256r1"] = static (h, a) => R(h.VerifySigEcdsaSecp256r1(V(a, 0), V(a, 1), V(a, 2))),
        ["bls12_381_check_g1_is_in_subgroup"] = static (h, a) => R(h.Bls12381CheckG1IsInSubgroup(V(a, 0))),
        ["bls12_381_g1_add"] = static (h, a) => R(h.Bls12381G1Add(V(a, 0), V(a, 1))),
        ["bls12_381_g1_mul"] = static (h, a) => R(h.Bls12381G1Mul(V(a, 0), V(a, 1))),
        ["bls12_381_g1_msm"] = static (h, a) => R(h.Bls12381G1Msm(V(a, 0), V(a, 1))),
        ["bls12_381_map_fp_to_g1"] = static (h, a) => R(h.Bls12381MapFpToG1(V(a, 0))),
        ["bls12_381_hash_to_g1"] = static (h, a) => R(h.Bls12381HashToG1(V(a, 0), V(a, 1))),
        ["bls12_381_check_g2_is_in_subgroup"] = static (h, a) => R(h.Bls12381CheckG2IsInSubgroup(V(a, 0))),
        ["bls12_381_g2_add"] = static (h, a) => R(h.Bls12381G2Add(V(a, 0), V(a, 1))),
        ["bls12_381_g2_mul"] = static (h, a) => R(h.Bls12381G2Mul(V(a, 0), V(a, 1))),
        ["bls12_381_g2_msm"] = static (h, a) => R(h.Bls12381G2Msm(V(a, 0), V(a, 1))),
        ["bls12_381_map_fp2_to_g2"] = static (h, a) => R(h.Bls12381MapFp2ToG2(V(a, 0))),
        ["bls12_381_hash_to_g2"] = static (h, a) => R(h.Bls12381HashToG2(V(a, 0), V(a, 1))),
        ["bls12_381_multi_pairing_check"] = static (h, a) => R(h.Bls12381MultiPairingCheck(V(a, 0), V(a, 1))),
        ["bls12_381_fr_add"] = static (h, a) => R(h.Bls12381FrAdd(V(a, 0), V(a, 1))),
        ["bls12_381_fr_sub"] = static (h, a) => R(h.Bls12381FrSub(V(a, 0), V(a, 1))),
        ["bls12_381_fr_mul"] = static (h, a) => R(h.Bls12381FrMul(V(a, 0), V(a, 1))),
        ["bls12_381_fr_pow"] = static (h, a) => R(h.Bls12381FrPow(V(a, 0), V(a, 1))),
        ["bls12_381_fr_inv"] = static (h, a) => R(h.Bls12381FrInv(V(a, 0))),
        ["bls12_381_g1_is_on_curve"] = static (h, a) => R(h.Bls12381G1IsOnCurve(V(a, 0))),
        ["bls12_381_g2_is_on_curve"] = static (h, a) => R(h.Bls12381G2IsOnCurve(V(a, 0))),
        ["bn254_g1_add"] = static (h, a) => R(h.Bn254G1Add(V(a, 0), V(a, 1))),
        ["bn254_g1_mul"] = static (h, a) => R(h.Bn254G1Mul(V(a, 0), V(a, 1))),
        ["bn254_g1_msm"] = static (h, a) => R(h.Bn254G1Msm(V(a, 0), V(a, 1))),
        ["bn254_g1_is_on_curve"] = static (h, a) => R(h.Bn254G1IsOnCurve(V(a, 0))),
        ["bn254_multi_pairing_check"] = static (h, a) => R(h.Bn254MultiPairingCheck(V(a, 0), V(a, 1))),
        ["bn254_fr_add"] = static (h, a) => R(h.Bn254FrAdd(V(a, 0), V(a, 1))),
        ["bn254_fr_sub"] = static (h, a) => R(h.Bn254FrSub(V(a, 0), V(a, 1))),
        ["bn254_fr_mul"] = static (h, a) => R(h.Bn254FrMul(V(a, 0), V(a, 1))),
        ["bn254_fr_pow"] = static (h, a) => R(h.Bn254FrPow(V(a, 0), V(a, 1))),
        ["bn254_fr_inv"] = static (h, a) => R(h.Bn254FrInv(V(a, 0))),
        ["poseidon_permutation"] = static (h, a) => R(h.PoseidonPermutation(V(a, 0), V(a, 1), U(a, 2), U(a, 3), U(a, 4), U(a, 5), V(a, 6), V(a, 7))),
        ["poseidon2_permutation"] = static (h, a) => R(h.Poseidon2Permutation(V(a, 0), V(a, 1), U(a, 2), U(a, 3), U(a, 4), U(a, 5), V(a, 6), V(a, 7))),

        // ---- p (prng) ----
        ["prng_reseed"] = static (h, a) => R(h.PrngReseed(V(a, 0))),
        ["prng_bytes_new"] = static (h, a) => R(h.PrngBytesNew(U(a, 0))),
        ["prng_u64_in_inclusive_range"] = static (h, a) => h.PrngU64InInclusiveRange(a[0], a[1]),
        ["prng_vec_shuffle"] = static (h, a) => R(h.PrngVecShuffle(V(a, 0))),
    };

    private static HostFunctionImpl Big(BigOp op, bool signed, bool voidOnOverflow) =>
        (h, a) => R(h.BigArith(op, signed, V(a, 0), V(a, 1), voidOnOverflow));

    /// <summary>The implementation of a host function, or null when it is not implemented.</summary>
    public static HostFunctionImpl? Find(string name) => Table.TryGetValue(name, out var f) ? f : null;

    /// <summary>Names of every implemented host function.</summary>
    public static IEnumerable<string> Implemented => Table.Keys;
}
