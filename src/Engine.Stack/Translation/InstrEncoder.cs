using Replay.Engine.Stack.Bytecode;

namespace Replay.Engine.Stack.Translation;

/// <summary>
/// Appends instructions to a module's single code array and resolves branch labels.
/// Labels are per function: forward branches record themselves as users and are patched
/// when the function is finished.
/// </summary>
internal sealed class InstrEncoder
{
    // The growing buffer is kept per thread between compilations: a large module's code is
    // over a megabyte, and growing a fresh buffer each time put several large-object-heap
    // arrays per compile in the garbage, which cost more in full collections (measured: a
    // 2,000-function module's compile went from ~2 ms to ~14 ms when compiled repeatedly)
    // than translating. Buffers beyond RetainLimit are not kept.
    [ThreadStatic] private static Instr[]? t_spare;
    private const int RetainLimit = 1 << 20; // instructions (16 MB)

    private Instr[] _code = TakeSpare();
    private readonly List<int> _labels = [];
    private readonly List<(int User, int Label)> _users = [];

    public int Count { get; private set; }

    public int Emit(Instr instr)
    {
        if (Count == _code.Length)
            Array.Resize(ref _code, Math.Max(256, _code.Length * 2));
        _code[Count] = instr;
        return Count++;
    }

    public ref Instr At(int index) => ref _code[index];

    public int NewLabel()
    {
        _labels.Add(-1);
        return _labels.Count - 1;
    }

    public void Pin(int label) => _labels[label] = Count;

    /// <summary>The label's position if known; otherwise registers <paramref name="user"/> (whose A gets the position) for patching.</summary>
    public int Resolve(int label, int user)
    {
        int pos = _labels[label];
        if (pos < 0)
            _users.Add((user, label));
        return pos;
    }

    /// <summary>Emits an instruction whose A is a branch target.</summary>
    public int EmitBranch(Op op, int label, long b = 0)
    {
        int at = Emit(new Instr(op, 0, b));
        _code[at].A = Resolve(label, at);
        return at;
    }

    /// <summary>Patches forward branches of the finished function and forgets its labels.</summary>
    public void FinishFunction()
    {
        foreach (var (user, label) in _users)
        {
            int pos = _labels[label];
            if (pos < 0)
                throw new InvalidOperationException($"branch at instruction {user} targets a label that was never placed");
            _code[user].A = pos;
        }
        _users.Clear();
        _labels.Clear();
    }

    /// <summary>The module's code, exactly sized. The encoder is finished: its buffer goes back for the next compilation.</summary>
    public Instr[] ToArray()
    {
        var code = _code.AsSpan(0, Count).ToArray();
        if (_code.Length <= RetainLimit)
            t_spare = _code;
        _code = [];
        Count = 0;
        return code;
    }

    private static Instr[] TakeSpare()
    {
        var spare = t_spare;
        t_spare = null;
        return spare ?? new Instr[256];
    }
}
