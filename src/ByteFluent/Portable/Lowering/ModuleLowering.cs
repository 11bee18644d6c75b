using ByteFluent.Marshal;
using ByteFluent.Model;
using ByteFluent.Versions;

namespace ByteFluent.Portable.Lowering;

/// <summary>Lowers a <see cref="PortableModule"/>: scopes first, then the module body and every nested code object.</summary>
internal static class ModuleLowering
{
    public static Code Lower(PortableModule module, OpcodeTable table)
    {
        var era = Era.For(table);
        var scope = ScopeAnalyzer.Analyze(module.Body, classCell: era.Version.Major == 3);
        scope.QualName = "<module>";
        var code = new Code(table)
        {
            Name = new PyString("<module>"),
            QualName = era.AtLeast(11) ? new PyString("<module>") : null,
            Filename = new PyString(module.Filename),
            FirstLineNo = 1,
        };
        FunctionLowering27.Layout(era, code, scope, null);
        var g = new CodeGen(era, table, scope, code, module.Filename);
        era.Functions.Prologue(g);
        g.Body(module.Body);
        g.ImplicitReturn();
        era.Layout.Apply(code);
        era.Peephole.Apply(code);
        return code;
    }
}
