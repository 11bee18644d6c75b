using System.Collections.Immutable;

namespace ByteFluent.Marshal;

/// <summary>
/// A CPython code object with every field any supported version marshals. Which fields a version uses is
/// decided by its <see cref="CodeObjectLayout"/>:
/// <list type="bullet">
/// <item>2.7: argcount, nlocals, stacksize, flags, code, consts, names, varnames, freevars, cellvars,
/// filename, name, firstlineno, lnotab (<see cref="LineTable"/>).</item>
/// <item>3.6–3.7: adds kwonlyargcount. 3.8–3.10: adds posonlyargcount (3.10's <see cref="LineTable"/> is
/// co_linetable, earlier ones co_lnotab).</item>
/// <item>3.11+: no nlocals/varnames/freevars/cellvars; instead <see cref="LocalsPlusNames"/> and
/// <see cref="LocalsPlusKinds"/>; adds <see cref="QualName"/> and <see cref="ExceptionTable"/>;
/// <see cref="LineTable"/> is the location table.</item>
/// </list>
/// Fields a version does not use hold their defaults (0, empty, or null for <see cref="QualName"/>).
/// Equality compares every field; strings compare by value (see <see cref="PyString"/>).
/// </summary>
public sealed record PyCode : PyObject
{
    /// <summary>co_argcount.</summary>
    public int ArgCount { get; init; }

    /// <summary>co_posonlyargcount (3.8+).</summary>
    public int PosOnlyArgCount { get; init; }

    /// <summary>co_kwonlyargcount (3.0+).</summary>
    public int KwOnlyArgCount { get; init; }

    /// <summary>co_nlocals as marshalled (2.7–3.10; from 3.11 it is derived from the locals kinds and not stored).</summary>
    public int NLocals { get; init; }

    /// <summary>co_stacksize.</summary>
    public int StackSize { get; init; }

    /// <summary>co_flags.</summary>
    public int Flags { get; init; }

    /// <summary>co_code: the bytecode.</summary>
    public ImmutableArray<byte> Code { get; init; } = [];

    /// <summary>co_consts.</summary>
    public ImmutableArray<PyObject> Consts { get; init; } = [];

    /// <summary>co_names.</summary>
    public ImmutableArray<PyString> Names { get; init; } = [];

    /// <summary>co_varnames (2.7–3.10).</summary>
    public ImmutableArray<PyString> VarNames { get; init; } = [];

    /// <summary>co_freevars (2.7–3.10).</summary>
    public ImmutableArray<PyString> FreeVars { get; init; } = [];

    /// <summary>co_cellvars (2.7–3.10).</summary>
    public ImmutableArray<PyString> CellVars { get; init; } = [];

    /// <summary>co_localsplusnames (3.11+).</summary>
    public ImmutableArray<PyString> LocalsPlusNames { get; init; } = [];

    /// <summary>co_localspluskinds (3.11+): one kind byte per entry of <see cref="LocalsPlusNames"/>.</summary>
    public ImmutableArray<byte> LocalsPlusKinds { get; init; } = [];

    /// <summary>co_filename.</summary>
    public PyString Filename { get; init; } = PyString.Empty;

    /// <summary>co_name.</summary>
    public PyString Name { get; init; } = PyString.Empty;

    /// <summary>co_qualname (3.11+; null before).</summary>
    public PyString? QualName { get; init; }

    /// <summary>co_firstlineno.</summary>
    public int FirstLineNo { get; init; }

    /// <summary>The line table: co_lnotab (2.7–3.9), co_linetable (3.10), the location table (3.11+).</summary>
    public ImmutableArray<byte> LineTable { get; init; } = [];

    /// <summary>co_exceptiontable (3.11+).</summary>
    public ImmutableArray<byte> ExceptionTable { get; init; } = [];

    /// <inheritdoc/>
    public override string TypeName => "code";

    /// <summary>The nested code objects among the constants.</summary>
    public IEnumerable<PyCode> NestedCode => Consts.OfType<PyCode>();

    /// <summary>This code object and every code object nested in it, depth first.</summary>
    public IEnumerable<PyCode> SelfAndDescendants()
    {
        var stack = new Stack<PyCode>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var code = stack.Pop();
            yield return code;
            for (var i = code.Consts.Length - 1; i >= 0; i--)
            {
                if (code.Consts[i] is PyCode nested)
                {
                    stack.Push(nested);
                }
            }
        }
    }

    /// <inheritdoc/>
    public bool Equals(PyCode? other) => other is not null
        && ArgCount == other.ArgCount && PosOnlyArgCount == other.PosOnlyArgCount && KwOnlyArgCount == other.KwOnlyArgCount
        && NLocals == other.NLocals && StackSize == other.StackSize && Flags == other.Flags && FirstLineNo == other.FirstLineNo
        && Code.AsSpan().SequenceEqual(other.Code.AsSpan())
        && PyEquality.Items(Consts, other.Consts)
        && PyEquality.Strings(Names, other.Names) && PyEquality.Strings(VarNames, other.VarNames)
        && PyEquality.Strings(FreeVars, other.FreeVars) && PyEquality.Strings(CellVars, other.CellVars)
        && PyEquality.Strings(LocalsPlusNames, other.LocalsPlusNames) && LocalsPlusKinds.AsSpan().SequenceEqual(other.LocalsPlusKinds.AsSpan())
        && Filename.Equals(other.Filename) && Name.Equals(other.Name) && Equals(QualName, other.QualName)
        && LineTable.AsSpan().SequenceEqual(other.LineTable.AsSpan()) && ExceptionTable.AsSpan().SequenceEqual(other.ExceptionTable.AsSpan());

    /// <inheritdoc/>
    // The constants' hash (memoized per array, see PyHash) tells apart code objects that differ only in nested code:
    // without it, deeply nested look-alikes collide and every dictionary look-up compares them in depth.
    public override int GetHashCode() => HashCode.Combine(Name, FirstLineNo, PyHash.Bytes(Code.AsSpan()), PyHash.Items(Consts, 8), Flags);
}
