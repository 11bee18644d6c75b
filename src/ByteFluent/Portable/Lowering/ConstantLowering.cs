using ByteFluent.Marshal;

namespace ByteFluent.Portable.Lowering;

/// <summary>Constants and the implicit return: LOAD_CONST + RETURN_VALUE (2.7–3.11).</summary>
internal class ConstantLowering
{
    /// <summary>3.12+: LOAD_FAST does not check for unbound locals, LOAD_FAST_CHECK does.</summary>
    public virtual bool NeedsCheckedLoad => false;

    public virtual void Load(CodeGen g, PyObject value) => g.Op("LOAD_CONST", value);

    public virtual void ReturnConst(CodeGen g, PyObject value)
    {
        Load(g, value);
        g.Op("RETURN_VALUE");
    }

    public void ReturnNone(CodeGen g) => ReturnConst(g, PyNone.Instance);
}

/// <summary>2.7: a str constant is a byte string (source literals without u'' compile to str).</summary>
internal sealed class ConstantLowering27 : ConstantLowering
{
    public override void Load(CodeGen g, PyObject value) => g.Op("LOAD_CONST", Bytes(value));

    private static PyObject Bytes(PyObject value) => value switch
    {
        PyString s => new PyBytes([.. System.Text.Encoding.UTF8.GetBytes(s.Value)]),
        PyTuple t => new PyTuple(t.Items.Select(Bytes)),
        PyFrozenSet f => new PyFrozenSet(f.Items.Select(Bytes)),
        _ => value,
    };
}

/// <summary>3.12–3.13: RETURN_CONST.</summary>
internal class ConstantLowering312 : ConstantLowering
{
    public override bool NeedsCheckedLoad => true;

    public override void ReturnConst(CodeGen g, PyObject value) => g.Op("RETURN_CONST", value);
}

/// <summary>3.14+: LOAD_SMALL_INT for 0–255, and no RETURN_CONST.</summary>
internal class ConstantLowering314 : ConstantLowering
{
    public override bool NeedsCheckedLoad => true;

    public override void Load(CodeGen g, PyObject value)
    {
        if (value is PyInt i && i.Value >= 0 && i.Value <= 255)
        {
            g.Op("LOAD_SMALL_INT", (int)i.Value);
        }
        else
        {
            g.Op("LOAD_CONST", value);
        }
    }
}

/// <summary>3.15: None, '', True, False and -1 are LOAD_COMMON_CONSTANT 7–11 (the interpreter's common-constant table).</summary>
internal sealed class ConstantLowering315 : ConstantLowering314
{
    public override void Load(CodeGen g, PyObject value)
    {
        var common = value switch
        {
            PyNone => 7,
            PyString { Value.Length: 0 } => 8,
            PyBool { Value: true } => 9,
            PyBool { Value: false } => 10,
            PyInt i when i.Value == -1 => 11,
            _ => -1,
        };
        if (common >= 0)
        {
            g.Op("LOAD_COMMON_CONSTANT", common);
            return;
        }

        base.Load(g, value);
    }
}
