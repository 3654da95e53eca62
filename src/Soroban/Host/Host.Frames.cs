using Replay.Soroban.Auth;
using Replay.Soroban.Budget;
using Replay.Soroban.Storage;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Host;

// Context frames of an invocation: push with a rollback point, pop with commit or rollback,
// instance storage persisted at a successful frame end (fact: host/frame.rs push_context,
// pop_context, with_frame, persist_instance_storage).
public sealed partial class Host
{
    /// <summary>The reference's DEFAULT_HOST_DEPTH_LIMIT: most context frames at once.</summary>
    public const int ContextDepthLimit = 100;

    /// <summary>The authorization manager kept in step with the frames (enforcing without entries unless set).</summary>
    public AuthorizationManager Authorization { get; set; } = AuthorizationManager.EnforcingWithoutAuthorizations();

    private sealed record RollbackPoint(MeteredOrdMap<LedgerKey, EntryWithLiveUntil?>? Storage, int Events, AuthorizationManager.Snapshot Auth);

    /// <summary>
    /// <c>push_context</c>: the auth manager's frame push (and snapshot), then the rollback point
    /// (a metered clone of the storage map, the event count), then a bulk-init charge for one
    /// context, then the push.
    /// </summary>
    private RollbackPoint PushContext(Frame frame)
    {
        var auth = Authorization.PushFrame(this, frame);
        MeteredOrdMap<LedgerKey, EntryWithLiveUntil?>? storage = null;
        if (Storage is { } s)
            storage = s.Map.MeteredClone();
        else
            ChargeBulkInitCopy(0, LedgerStorage.MapEntrySize); // the clone of an empty map
        var rp = new RollbackPoint(storage, Events.Count, auth);
        ChargeBulkInitCopy(1, DeclaredSize.Context);
        _frames.Add(frame);
        return rp;
    }

    /// <summary>
    /// <c>pop_context</c>: pops; when no frame is left, recording mode emulates authentication and
    /// (protocols 21-22, recording storage) rebuilds the module cache; on failure restores the
    /// storage map, marks the frame's events as failed and rolls the auth manager back.
    /// </summary>
    private void PopContext(RollbackPoint? rp)
    {
        _frames.RemoveAt(_frames.Count - 1);
        if (_frames.Count == 0)
        {
            Authorization.MaybeEmulateAuthentication();
            if (Storage is { IsRecording: true } && _needToBuildModuleCache)
                RebuildModuleCache();
            _needToBuildModuleCache = false;
        }
        AuthorizationManager.Snapshot? auth = null;
        if (rp is not null)
        {
            if (rp.Storage is not null && Storage is { } s)
                s.Map = rp.Storage;
            Events.Rollback(rp.Events);
            auth = rp.Auth;
        }
        Authorization.PopFrame(this, auth);
    }

    /// <summary>
    /// <c>with_frame</c>: pushes <paramref name="frame"/> (at most <see cref="ContextDepthLimit"/>
    /// frames, else (Context, ExceededLimit)), runs <paramref name="body"/>, and pops, rolling
    /// storage and events back when it failed. A successful return of an Error value is turned
    /// into a failure; instance storage is persisted at a successful end.
    /// </summary>
    internal Val WithFrame(Frame frame, Func<Val> body)
    {
        var startDepth = _frames.Count;
        if (startDepth >= ContextDepthLimit)
            throw new HostError(SCErrorType.Context, SCErrorCode.ExceededLimit, "host context depth limit exceeded");
        var rp = PushContext(frame);
        ActiveTracer?.OnPushFrame(this, frame);
        HostError? error = null;
        var result = Val.Void;
        try
        {
            result = body();
        }
        catch (HostError e)
        {
            error = e;
        }
        if (error is null && result.HasTag(Tag.Error))
        {
            error = result.Minor == (uint)SCErrorType.Contract
                ? Error(result, "escalating Ok(ScErrorType::Contract) frame-exit to Err")
                : Err(SCErrorType.Context, SCErrorCode.InvalidAction, "frame-exit with Ok(Error) carrying a non-ScErrorType::Contract Error", result);
        }
        if (error is null)
        {
            try
            {
                // From protocol 25 the parent frames of the same contract (re-entry) reload what was persisted.
                if (PersistInstanceStorage() && Protocol >= 25)
                    MaybeReloadInstanceStorageOnFramePop();
            }
            catch (HostError e)
            {
                error = e;
            }
        }
        ActiveTracer?.OnPopFrame(this, frame, error);
        PopContext(error is null ? null : rp);
        if (_frames.Count != startDepth)
            throw Err(SCErrorType.Context, SCErrorCode.InternalError, "frame-depth mismatch");
        return error is null ? result : throw error;
    }

    /// <summary>
    /// <c>get_current_contract_id_opt_internal</c>: the innermost frame's contract id (a metered
    /// clone), or null when that frame has none.
    /// </summary>
    internal Hash? CurrentContractIdOrNull()
    {
        if (CurrentFrame is { ContractId: { } id })
        {
            Budget.Charge(ContractCostType.MemCpy, DeclaredSize.Hash);
            return id;
        }
        return null;
    }

    /// <summary><c>get_current_contract_id_internal</c>: as above, but no contract is (Context, InternalError).</summary>
    internal Hash CurrentContractId() =>
        CurrentContractIdOrNull()
        ?? throw Err(SCErrorType.Context, SCErrorCode.InternalError, "Current context has no contract ID");

    private Frame CurrentFrameOrError() =>
        CurrentFrame ?? throw Err(SCErrorType.Context, SCErrorCode.InternalError, "no contract running");

    /// <summary>
    /// <c>maybe_init_instance_storage</c>: the frame's instance storage, built on first access from
    /// the instance's ScMap (each key and value through <c>to_valid_host_val</c>, then the order check).
    /// </summary>
    internal InstanceStorage InstanceStorageOf(Frame frame)
    {
        if (frame.InstanceStorage is { } existing)
            return existing;
        var instance = frame.Instance
            ?? throw Err(SCErrorType.Context, SCErrorCode.InternalError, "access to instance in frame without instance");
        frame.InstanceStorage = InstanceStorageFromXdr(instance);
        return frame.InstanceStorage;
    }

    private InstanceStorage InstanceStorageFromXdr(SCContractInstance instance)
    {
        (Val, Val)[] entries;
        if (instance.Storage is { } storage)
        {
            ChargeResultVecBulkInitCopy((ulong)storage.Length, DeclaredSize.ValPair);
            entries = new (Val, Val)[storage.Length];
            for (var i = 0; i < storage.Length; i++)
                entries[i] = (ToValidHostVal(storage[i].Key), ToValidHostVal(storage[i].Val));
        }
        else
        {
            entries = [];
        }
        return new InstanceStorage(MeteredOrdMap<Val, Val>.FromSorted(entries, Budget, CompareVals, InstanceStorage.EntrySize));
    }

    /// <summary>Read access to the current contract's instance storage.</summary>
    internal InstanceStorage CurrentInstanceStorage() => InstanceStorageOf(CurrentFrameOrError());

    /// <summary>Mutable access: marks the instance storage modified (so it is written back), as the reference does for any mutable access.</summary>
    internal InstanceStorage CurrentInstanceStorageForUpdate()
    {
        var s = InstanceStorageOf(CurrentFrameOrError());
        s.IsModified = true;
        return s;
    }

    /// <summary>
    /// <c>persist_instance_storage</c>: when the current frame's instance storage was modified,
    /// its map is converted to an ScMap (keys as storage keys) and written into the instance entry.
    /// Returns whether it wrote.
    /// </summary>
    private bool PersistInstanceStorage()
    {
        var frame = CurrentFrameOrError();
        if (frame.InstanceStorage is not { IsModified: true } storage)
            return false;
        var scmap = InstanceStorageToScMap(storage.Map);
        var contractId = CurrentContractId();
        var key = ContractInstanceLedgerKey(contractId);
        StoreContractInstance(null, scmap, contractId, key);
        return true;
    }

    private SCMapEntry[] InstanceStorageToScMap(MeteredOrdMap<Val, Val> map)
    {
        ChargeBulkInitCopy((ulong)map.Count, DeclaredSize.ScMapEntry);
        var entries = map.Iterate();
        var result = new SCMapEntry[entries.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            var key = FromHostValForStorage(entries[i].Key);
            var val = FromHostVal(entries[i].Value);
            result[i] = new SCMapEntry { Key = key, Val = val };
        }
        return result;
    }

    /// <summary>
    /// <c>maybe_reload_instance_storage_on_frame_pop</c>: frames below the popped one running the
    /// same contract (re-entry) reload its instance storage from the entry just written.
    /// </summary>
    private void MaybeReloadInstanceStorageOnFramePop()
    {
        var id = CurrentFrame?.ContractId
            ?? throw Err(SCErrorType.Context, SCErrorCode.InternalError, "no contract in current frame during instance storage reload");
        for (var i = 0; i < _frames.Count - 1; i++)
        {
            var frame = _frames[i];
            if (frame.ContractId is { } other && other == id)
            {
                var instance = RetrieveContractInstance(ContractInstanceLedgerKey(id));
                frame.InstanceStorage = InstanceStorageFromXdr(instance);
            }
        }
    }
}
