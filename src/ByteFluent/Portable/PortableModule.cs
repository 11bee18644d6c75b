using ByteFluent.Marshal;
using ByteFluent.Model;
using ByteFluent.Portable.Lowering;
using ByteFluent.Portable.Syntax;
using ByteFluent.Pyc;
using ByteFluent.Versions;

namespace ByteFluent.Portable;

/// <summary>
/// A module written once with the portable builder and lowered on demand for any version:
/// <c>PortableModule.Create(m =&gt; m.Assign("x", 2).Print(Py.Name("x") * 3)).ToCode(PythonVersion.V3_12)</c>.
/// </summary>
public sealed class PortableModule
{
    private PortableModule(IReadOnlyList<Stmt> body, string filename)
    {
        Body = body;
        Filename = filename;
    }

    /// <summary>The module's statements.</summary>
    public IReadOnlyList<Stmt> Body { get; }

    /// <summary>co_filename of every code object.</summary>
    public string Filename { get; }

    /// <summary>Records a module body.</summary>
    public static PortableModule Create(Action<Block> body, string filename = "<portable>")
    {
        ArgumentNullException.ThrowIfNull(body);
        var b = new Block(new LineCounter());
        body(b);
        return new PortableModule(b.Statements, filename);
    }

    /// <summary>Wraps statements built elsewhere.</summary>
    public static PortableModule FromStatements(IReadOnlyList<Stmt> body, string filename = "<portable>") => new(body, filename);

    /// <summary>Lowers the module to the editable model for a version (its built-in opcode table).</summary>
    /// <exception cref="PortableNotSupportedException">A construct the version does not have.</exception>
    public Code Build(PythonVersion version) => Build(OpcodeTables.ForVersion(version));

    /// <summary>Lowers the module for an opcode table (a built-in one or a custom table of a known era).</summary>
    /// <exception cref="PortableNotSupportedException">A construct the version does not have.</exception>
    public Code Build(OpcodeTable table) => ModuleLowering.Lower(this, table);

    /// <summary>Lowers and assembles the module's code object.</summary>
    public PyCode ToCode(PythonVersion version) => Build(version).ToCode();

    /// <summary>Lowers and assembles the module for a table.</summary>
    public PyCode ToCode(OpcodeTable table) => Build(table).ToCode();

    /// <summary>Lowers, assembles and wraps the module in a <c>.pyc</c> of the version.</summary>
    public PycFile ToPyc(PythonVersion version) => PycFile.Create(ToCode(version), version);
}
