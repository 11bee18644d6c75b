using System.Collections.Generic;
using System.Linq;
using ByteFluent.Generators.Model;

namespace ByteFluent.Generators.Emit;

/// <summary>An enum the builder declares for an argument the tables give only as a number (RAISE_VARARGS, RESUME).</summary>
internal sealed record BuilderEnum(string Opcode, string Type, string Parameter, string? Default, string ParameterDoc, string ArgumentDoc,
    IReadOnlyList<(string Member, int Value, string Doc)> Members);

/// <summary>
/// Meanings of numeric arguments that CPython fixes in its C sources rather than in <c>opcode.py</c>, by era: 2.x's
/// <c>raise</c> takes up to three operands, 3.x's up to two (exception and cause).
/// </summary>
internal static class BuilderEnums
{
    private static readonly BuilderEnum Raise2 = new("RAISE_VARARGS", "RaiseForm", "form", null,
        "What is on the stack for the <c>raise</c> statement.", "how many operands the <c>raise</c> statement has",
        [
            ("Reraise", 0, "<c>raise</c> with no operand: re-raise the exception being handled."),
            ("Type", 1, "<c>raise E</c>: one operand."),
            ("TypeValue", 2, "<c>raise E, V</c>: the type below the value."),
            ("TypeValueTraceback", 3, "<c>raise E, V, T</c>: type, value, then the traceback on top."),
        ]);

    private static readonly BuilderEnum Raise3 = new("RAISE_VARARGS", "RaiseForm", "form", null,
        "What is on the stack for the <c>raise</c> statement.", "how many operands the <c>raise</c> statement has",
        [
            ("Reraise", 0, "<c>raise</c> with no operand: re-raise the exception being handled."),
            ("Exception", 1, "<c>raise exc</c>: the exception (or class) on top."),
            ("ExceptionFrom", 2, "<c>raise exc from cause</c>: the exception below its cause."),
        ]);

    private static readonly BuilderEnum Resume = new("RESUME", "ResumeKind", "kind", "Start",
        "Where execution enters the frame (0 is the start; the interpreter reads it for tracing and the GIL check).", "where the frame is entered",
        [
            ("Start", 0, "The start of the function, module or class body."),
            ("AfterYield", 1, "After a <c>yield</c>."),
            ("AfterYieldFrom", 2, "After a <c>yield from</c>."),
            ("AfterAwait", 3, "After an <c>await</c>."),
        ]);

    public static BuilderEnum? ForOpcode(TableModel t, OpcodeModel op) => op.Name switch
    {
        "RAISE_VARARGS" => t.VersionKey.Major < 3 ? Raise2 : Raise3,
        "RESUME" => Resume,
        _ => null,
    };

    /// <summary>The enums this table's builder needs, in a stable order.</summary>
    public static IEnumerable<BuilderEnum> For(TableModel t) =>
        t.Opcodes.Where(o => o.Category == "real" && o.HasArg && !t.ArgumentNames.Any(g => g.Opcode == o.Name))
            .Select(o => ForOpcode(t, o)).Where(e => e is not null).Select(e => e!).Distinct();

    public static void Write(IndentedWriter w, TableModel t, BuilderEnum e)
    {
        w.Line();
        w.Line($"/// <summary>The argument of <c>{e.Opcode}</c> in {t.Family} {t.Version}: {e.ArgumentDoc}.</summary>");
        using (w.Block("public enum " + e.Type))
        {
            foreach (var (member, value, doc) in e.Members)
            {
                w.Line($"/// <summary>{doc}</summary>");
                w.Line($"{member} = {Text.Int(value)},");
            }
        }
    }
}
