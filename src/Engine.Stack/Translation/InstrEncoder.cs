using Replay.Engine.Stack.Bytecode;

namespace Replay.Engine.Stack.Translation;

/// <summary>
/// Appends instructions to a module's single code array and resolves branch labels.
/// Labels are per function: forward branches record themselves as users and are patched
/// when the function is finished.
/// </summary>
internal sealed class InstrEncoder
{
    private Instr[] _code = new Instr[256];
    private readonly List<int> _labels = [];
    private readonly List<(int User, int Label)> _users = [];

    public int Count { get; private set; }

    public int Emit(Instr instr)
    {
        if (Count == _code.Length)
            Array.Resize(ref _code, _code.Length * 2);
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

    public Instr[] ToArray() => _code.AsSpan(0, Count).ToArray();
}
