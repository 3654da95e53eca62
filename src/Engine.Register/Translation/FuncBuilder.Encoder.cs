using Replay.Engine.Register.Ir;

namespace Replay.Engine.Register.Translation;

/// <summary>
/// The instruction encoder: appends instructions, adds each one's price to the ConsumeFuel of
/// its basic block, and resolves labels (branch offsets are patched when the function is finished).
/// </summary>
internal sealed partial class FuncBuilder
{
    private ulong Base => _fuel?.Base ?? 0;

    private int Append(Instr instr)
    {
        if (_count == _code.Length)
            Array.Resize(ref _code, _code.Length * 2);
        _code[_count] = instr;
        return _count++;
    }

    /// <summary>Appends an instruction and adds its price to the current block's ConsumeFuel.</summary>
    private int Emit(Instr instr, ulong fuel)
    {
        BumpFuel(fuel);
        _relinkable = -1;
        _callResult = -1;
        return Append(instr);
    }

    private void BumpFuel(ulong amount)
    {
        if (_fuel is null || amount == 0)
            return;
        int at = _frames[_frameCount - 1].FuelInstr;
        if (at >= 0)
            _code[at].Imm += amount;
    }

    /// <summary>Starts a new basic block's fuel charge (loop headers, if and else arms).</summary>
    private int NewFuelInstr() => _fuel is null ? -1 : Append(new Instr(Op.ConsumeFuel, imm: _fuel.Base));

    private int NewLabel()
    {
        if (_labelCount == _labels.Length)
            Array.Resize(ref _labels, _labels.Length * 2);
        _labels[_labelCount] = -1;
        return _labelCount++;
    }

    private void Pin(int label)
    {
        _labels[label] = _count;
        _relinkable = -1;
        _callResult = -1;
    }

    /// <summary>Emits a branch instruction whose target (Imm's low half) is resolved at <see cref="Finish"/>.</summary>
    private int EmitBranch(Instr instr, int label) => EmitBranch(instr, label, Base);

    /// <summary>A branch priced <paramref name="fuel"/> (Wasmi charges nothing for conditional branches and jump-table arms).</summary>
    private int EmitBranch(Instr instr, int label, ulong fuel)
    {
        int at = Emit(instr, fuel);
        _fixups.Add((at, label));
        return at;
    }
}
