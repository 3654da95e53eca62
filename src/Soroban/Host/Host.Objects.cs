using Replay.Soroban.Budget;
using Replay.Soroban.Objects;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Host;

// The object table, value integrity and the relative/absolute handle translation
// (fact: soroban-env-host/src/host_object.rs, host.rs check_obj_integrity, env.rs check_val_integrity).
public sealed partial class Host
{
    /// <summary>Relative handles (given to guests) are even, absolute handles (host table) odd.</summary>
    public static bool IsRelativeHandle(uint handle) => (handle & 1) == 0;

    private uint IndexToHandle(int index, bool relative)
    {
        if ((uint)index > uint.MaxValue >> 1)
            throw ArithOverflow();
        var shifted = (uint)index << 1;
        return relative ? shifted : shifted | 1;
    }

    /// <summary>
    /// Moves an object into the table and returns its absolute handle Val, charging one
    /// HostObject allocation (MemAlloc of its declared size) as <c>add_host_object</c> does.
    /// </summary>
    public Val AddObject(HostObject obj)
    {
        var handle = IndexToHandle(_objects.Count, relative: false);
        ChargeHeapAlloc(1, DeclaredSize.HostObject(Protocol));
        _objects.Add(obj);
        return Val.FromObjectHandle(handle, obj.Tag);
    }

    /// <summary>Looks an absolute object up, charging VisitObject (<c>visit_obj_untyped</c>).</summary>
    public HostObject VisitUntyped(Val obj)
    {
        Budget.Charge(ContractCostType.VisitObject, null);
        var handle = obj.ObjectHandle;
        if (IsRelativeHandle(handle))
            throw Err(SCErrorType.Object, SCErrorCode.InternalError, "looking up relative object", Val.FromU32(handle));
        var index = handle >> 1;
        if (index >= (uint)_objects.Count)
            throw Err(SCErrorType.Value, SCErrorCode.InvalidInput, "unknown object reference", PayloadAsVal(obj.Payload));
        return _objects[(int)index];
    }

    /// <summary>
    /// <c>Val::try_from_val(u64)</c> of an unknown object's payload (what the reference reports it
    /// with): a small u64, or a u64 object made through the native obj_from_u64.
    /// </summary>
    private Val PayloadAsVal(ulong payload) =>
        payload < (1UL << 56)
            ? Val.FromSmallUnsigned(payload, Tag.U64Small)
            : new Val(Invoke(Functions.HostFunctionTable.Named("obj_from_u64"), [payload]));

    /// <summary>Looks an object of a known kind up (<c>visit_obj</c>): a kind mismatch is (Object, InternalError).</summary>
    public T Visit<T>(Val obj) where T : HostObject =>
        VisitUntyped(obj) as T
        ?? throw Err(SCErrorType.Object, SCErrorCode.InternalError, "object reference type does not match tag");

    /// <summary>The object behind an absolute handle without charging (for tests, tools and diagnostics).</summary>
    public HostObject PeekObject(Val obj)
    {
        var index = obj.ObjectHandle >> 1;
        if (IsRelativeHandle(obj.ObjectHandle) || index >= (uint)_objects.Count)
            throw new HostError(SCErrorType.Value, SCErrorCode.InvalidInput, "unknown object reference");
        return _objects[(int)index];
    }

    /// <summary>
    /// Whether a Val is well formed under this host's protocol (<c>Val::is_good</c>): a known tag,
    /// zero bodies for booleans and void, zero minor for 32-bit values and objects, a valid error
    /// type/code pair, a valid small-symbol body.
    /// </summary>
    public bool IsGood(Val v)
    {
        var tag = Tags.FromByte(v.TagByte, Protocol);
        switch (tag)
        {
            case Tag.Bad:
                return false;
            case Tag.True or Tag.False or Tag.Void:
                return v.Body == 0;
            case Tag.I32Val or Tag.U32Val:
                return v.Minor == 0;
            case Tag.Error:
                return IsValidError(v);
            case Tag.SymbolSmall:
                return SymbolSmall.IsValidBody(v.Body);
            case Tag.U64Small or Tag.I64Small or Tag.TimepointSmall or Tag.DurationSmall
                or Tag.U128Small or Tag.I128Small or Tag.U256Small or Tag.I256Small:
                return true;
            default:
                return v.Minor == 0;
        }
    }

    private static bool IsValidError(Val v)
    {
        var type = v.Minor;
        if (type > (uint)SCErrorType.Auth)
            return false;
        return type == (uint)SCErrorType.Contract || v.Major <= (uint)SCErrorCode.UnexpectedSize;
    }

    /// <summary>
    /// <c>check_val_integrity</c>: a bad Val is (Value, InvalidInput); an object must exist and
    /// its tag must match the object's kind, else (Value, InvalidInput). Visiting charges VisitObject.
    /// </summary>
    public void CheckValIntegrity(Val v)
    {
        // A bad Val goes through error_from_error_val, which records it.
        if (!IsGood(v))
            throw Error(new HostError(SCErrorType.Value, SCErrorCode.InvalidInput, "bad Val"), "promoting Error to HostError");
        if (Tags.IsObject(Tags.FromByte(v.TagByte, Protocol)))
        {
            var obj = VisitUntyped(v);
            if ((byte)obj.Tag != v.TagByte)
                throw Err(SCErrorType.Value, SCErrorCode.InvalidInput, "mis-tagged object reference");
        }
    }

    // ---- frames ----

    /// <summary>The innermost frame, or null outside any frame.</summary>
    public Frame? CurrentFrame => _frames.Count == 0 ? null : _frames[^1];

    /// <summary>Depth of the frame stack.</summary>
    public int FrameDepth => _frames.Count;

    /// <summary>
    /// Pushes a Wasm frame (the VM layer does this before running a contract function); its
    /// relative-object table starts empty.
    /// </summary>
    public Frame PushVmFrame(IGuestMemory? memory)
    {
        var frame = new Frame(isVm: true, memory);
        _frames.Add(frame);
        return frame;
    }

    /// <summary>Pushes a non-VM frame (host-driven work such as a test or a built-in contract).</summary>
    public Frame PushHostFrame()
    {
        var frame = new Frame(isVm: false, memory: null);
        _frames.Add(frame);
        return frame;
    }

    /// <summary>Pops the innermost frame, which must be <paramref name="frame"/>.</summary>
    public void PopFrame(Frame frame)
    {
        if (_frames.Count == 0 || !ReferenceEquals(_frames[^1], frame))
            throw new HostError(SCErrorType.Context, SCErrorCode.InternalError, "popping a frame that is not the innermost");
        _frames.RemoveAt(_frames.Count - 1);
    }

    private List<Val> CurrentRelativeTable()
    {
        var frame = CurrentFrame;
        if (frame is not { IsVm: true })
            throw new HostError(SCErrorType.Context, SCErrorCode.InternalError, "no VM frame for relative object handles");
        return frame.RelativeObjects;
    }

    /// <summary>
    /// Translates a guest Val to the host's view (<c>relative_to_absolute</c>): a relative object
    /// handle indexes the current VM frame's table; an unknown index, a forged tag or an absolute
    /// handle from the guest are (Value, InvalidInput). Non-objects pass through.
    /// </summary>
    public Val RelativeToAbsolute(Val v)
    {
        if (!Tags.IsObject(Tags.FromByte(v.TagByte, Protocol)))
            return v;
        var handle = v.ObjectHandle;
        if (!IsRelativeHandle(handle))
            throw Err(SCErrorType.Value, SCErrorCode.InvalidInput, "relative_to_absolute given an absolute reference", Val.FromU32(handle));
        var table = CurrentRelativeTable();
        var index = handle >> 1;
        if (index >= (uint)table.Count)
            throw Err(SCErrorType.Value, SCErrorCode.InvalidInput, "unknown relative object reference", Val.FromU32(handle));
        var abs = table[(int)index];
        if (abs.TagByte != v.TagByte)
            throw Err(SCErrorType.Value, SCErrorCode.InvalidInput, "relative and absolute object types differ");
        return abs;
    }

    /// <summary>
    /// Translates a host Val for the guest (<c>absolute_to_relative</c>): each object handed out
    /// gets a new entry in the current VM frame's table (charging one Object allocation, 8 bytes).
    /// A relative handle here is a host bug: (Context, InternalError).
    /// </summary>
    public Val AbsoluteToRelative(Val v)
    {
        if (!Tags.IsObject(Tags.FromByte(v.TagByte, Protocol)))
            return v;
        if (IsRelativeHandle(v.ObjectHandle))
            throw Err(SCErrorType.Context, SCErrorCode.InternalError, "absolute_to_relative given a relative reference", Val.FromU32(v.ObjectHandle));
        ChargeHeapAlloc(1, DeclaredSize.Val);
        var table = CurrentRelativeTable();
        var index = table.Count;
        table.Add(v);
        return Val.FromObjectHandle(IndexToHandle(index, relative: true), (Tag)v.TagByte);
    }
}
