using System.Collections.Immutable;
using System.Runtime.InteropServices;
using ByteFluent.Assembly.Verification;
using ByteFluent.Marshal;
using ByteFluent.Model;
using ByteFluent.Versions;

namespace ByteFluent.Assembly;

/// <summary>
/// The shared assembler: model → code object, in steps — scan the code list and resolve arguments
/// (<see cref="CodeListScan"/>, <see cref="ArgumentResolver"/>, <see cref="AssemblyTables"/>), place instructions and
/// size EXTENDED_ARG (<see cref="OffsetLayout"/>), line and exception tables (<see cref="PositionTables"/>),
/// verification (<see cref="CodeVerifier"/>, unless <see cref="AssembleOptions.Verify"/> is off),
/// CPython's stack size (<see cref="StackDepthAnalyzer"/>), then the fields.
/// </summary>
internal sealed class Assembler(Code model, BytecodeDialect dialect, AssembleOptions options)
{
    /// <summary>Assembles the code object (nested code objects with the same options).</summary>
    public PyCode Run()
    {
        // The per-instruction lists live in the thread's scratch until the tables are encoded; it is returned before the
        // nested code objects are assembled, so each of them reuses it in turn.
        var scratch = AssemblerScratch.Rent();
        var layout = Layout(scratch);
        if (options.Verify && dialect.HasVerifierRules)
        {
            CodeVerifier.Verify(model, dialect, layout, scratch.Stack);
        }

        var stackSize = model.DeclaredStackSize ?? StackSize(layout);
        var lineTable = dialect.Lines.Encode(layout.Marks, model.FirstLineNo, layout.Code.Length);
        var exceptionTable = dialect.HasExceptionTable && layout.Exceptions.Count > 0 ? ExceptionTableCodec.Encode(layout.Exceptions) : null;
        AssemblerScratch.Return(scratch);
        var tables = layout.Tables;
        var flags = Flags(tables);
        var consts = tables.Consts;
        var builtConsts = ImmutableArray.CreateBuilder<PyObject>(consts.Count);
        foreach (var k in consts)
        {
            builtConsts.Add(k is Code nested ? nested.ToCode(dialect.Table, options) : (PyObject)k);
        }

        var localsPlus = dialect.UsesLocalsPlus;
        return new PyCode
        {
            ArgCount = model.ArgCount,
            PosOnlyArgCount = dialect.Version >= PythonVersion.V3_8 ? model.PosOnlyArgCount : 0,
            KwOnlyArgCount = dialect.HasKwOnlyArgs ? model.KwOnlyArgCount : 0,
            NLocals = localsPlus || (dialect.NLocalsOnlyWhenOptimized && (flags & 1) == 0) ? 0 : tables.VarNames.Count,
            StackSize = stackSize,
            Flags = flags,
            // The arrays built here are the object's own: wrapped, not copied.
            Code = ImmutableCollectionsMarshal.AsImmutableArray(layout.Code),
            Consts = builtConsts.MoveToImmutable(),
            Names = [.. tables.Names],
            VarNames = localsPlus ? [] : [.. tables.VarNames],
            FreeVars = localsPlus ? [] : [.. model.FreeVars],
            CellVars = localsPlus ? [] : [.. model.CellVars],
            LocalsPlusNames = localsPlus ? LocalsPlusNames(tables) : [],
            LocalsPlusKinds = localsPlus ? LocalsPlusKinds(tables) : [],
            Filename = model.Filename,
            Name = model.Name,
            QualName = dialect.Version >= PythonVersion.V3_11 ? model.QualName ?? model.Name : null,
            FirstLineNo = model.FirstLineNo,
            LineTable = ImmutableCollectionsMarshal.AsImmutableArray(lineTable),
            ExceptionTable = exceptionTable is null ? [] : ImmutableCollectionsMarshal.AsImmutableArray(exceptionTable),
        };
    }

    private static ImmutableArray<PyString> LocalsPlusNames(AssemblyTables tables)
    {
        var names = new PyString[tables.LocalsPlus.Count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = tables.LocalsPlus[i].Name;
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(names);
    }

    private static ImmutableArray<byte> LocalsPlusKinds(AssemblyTables tables)
    {
        var kinds = new byte[tables.LocalsPlus.Count];
        for (var i = 0; i < kinds.Length; i++)
        {
            kinds[i] = tables.LocalsPlus[i].Kind;
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(kinds);
    }

    /// <summary>Scans, resolves and places the instructions and builds the line and exception tables.</summary>
    public AssemblyLayout Layout() => Layout(null);

    /// <summary>As <see cref="Layout()"/>; with <paramref name="scratch"/>, the lists are its own (valid until it is returned).</summary>
    private AssemblyLayout Layout(AssemblerScratch? scratch)
    {
        var tables = new AssemblyTables(model);
        var scan = CodeListScan.Run(model.CodeList, new ArgumentResolver(model, dialect, tables), dialect, scratch);
        OffsetLayout.Place(scan.Slots, scan.LabelSlot, dialect);
        return new AssemblyLayout
        {
            Slots = scan.Slots,
            LabelSlot = scan.LabelSlot,
            Code = OffsetLayout.Write(scan.Slots, dialect),
            Marks = PositionTables.LineMarks(scan.Slots, scan.Marks, scan.IntoPrefixes, dialect),
            Exceptions = PositionTables.ExceptionEntries(scan.Slots, scan.LabelSlot),
            Tables = tables,
            FlowBuffer = scratch?.Flow,
        };
    }

    /// <summary>co_stacksize as the version's compiler computes it.</summary>
    public int StackSize(AssemblyLayout layout)
    {
        if (!dialect.HasStackSize)
        {
            return 0;
        }

        var slots = layout.Slots;
        var analyzer = new StackDepthAnalyzer(dialect.StackDepth, layout.Flow(), k => slots[k].Instr.ToString(), layout.Tables.Consts);
        return analyzer.Run(dialect.Table, model.Flags);
    }

    // CO_NOFREE (CPython 2.4–3.9) says whether the code has cells or frees; it is recomputed from the tables.
    private int Flags(AssemblyTables tables)
    {
        var flags = model.Flags;
        if (dialect.ManagesNoFree && (!dialect.NoFreeOnlyForFunctions || (flags & Code.CoOptimized) != 0))
        {
            var noFree = dialect.UsesLocalsPlus
                ? !tables.LocalsPlus.Any(l => (l.Kind & (LocalKinds.Cell | LocalKinds.Free)) != 0)
                : model.CellVars.Count == 0 && model.FreeVars.Count == 0;
            flags = noFree ? flags | Code.CoNoFree : flags & ~Code.CoNoFree;
        }

        return flags;
    }
}
