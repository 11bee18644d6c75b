using Microsoft.CodeAnalysis;

namespace ByteFluent.Generators.Diagnostics;

/// <summary>Every diagnostic the ByteFluent generator and analyzers report (ids are listed in AnalyzerReleases.*.md).</summary>
internal static class DiagnosticDescriptors
{
    public const string MalformedTableId = "BF0001";
    public const string DuplicateClassNameId = "BF0002";
    public const string UnsupportedFormatId = "BF0003";

    public const string WrongArgumentKindId = "BF0004";
    public const string LabelNeverMarkedId = "BF0005";
    public const string LabelMarkedTwiceId = "BF0006";
    public const string StackUnderflowId = "BF0007";
    public const string MissingOpcodeId = "BF0008";
    public const string PycVersionMismatchId = "BF0009";

    private const string Category = "ByteFluent.OpcodeTables";
    private const string BytecodeCategory = "ByteFluent.Bytecode";

    /// <summary>An argument whose type cannot be what the opcode's argument kind needs.</summary>
    public static readonly DiagnosticDescriptor WrongArgumentKind = new(
        WrongArgumentKindId,
        title: "Argument of the wrong kind for the opcode",
        messageFormat: "{0} takes {1}, not {2}",
        BytecodeCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The version-neutral API (new Instr(opcode, arg), builder.Emit(opcode, arg)) takes the argument as an object; its type must match the opcode's argument kind from the opcode table: a Label for jumps, a name (string) for name, local and free opcodes, a number for counts, nothing for opcodes without an argument.");

    /// <summary>A label from DefineLabel that the same method never marks.</summary>
    public static readonly DiagnosticDescriptor LabelNeverMarked = new(
        LabelNeverMarkedId,
        title: "Label defined but never marked",
        messageFormat: "Label '{0}' is defined but never marked; jumps to it fail when the code is built",
        BytecodeCategory,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Every label a builder hands out with DefineLabel must be placed once with MarkLabel before Build(); a jump to an unmarked label makes Build() throw.");

    /// <summary>A label marked more than once.</summary>
    public static readonly DiagnosticDescriptor LabelMarkedTwice = new(
        LabelMarkedTwiceId,
        title: "Label marked twice",
        messageFormat: "Label '{0}' is already marked; a label marks exactly one place",
        BytecodeCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "MarkLabel places a label before the next instruction; a second MarkLabel of the same label throws at run time. Define a second label instead.");

    /// <summary>A straight-line builder chain that pops more than it pushed.</summary>
    public static readonly DiagnosticDescriptor StackUnderflow = new(
        StackUnderflowId,
        title: "Stack underflow in a builder chain",
        messageFormat: "{0} pops {1} item(s) but only {2} are on the stack here",
        BytecodeCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Following a builder chain from Function()/Module() through instructions whose stack effect does not depend on their argument (from the version's opcode table), this instruction pops more items than the chain has pushed. The assembler would reject the code.");

    /// <summary>An opcode emitted into a builder of a version that does not have it.</summary>
    public static readonly DiagnosticDescriptor MissingOpcode = new(
        MissingOpcodeId,
        title: "Opcode not in the builder's version",
        messageFormat: "CPython {0} has no opcode {1} (it comes from {2})",
        BytecodeCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Emit(opcode) on a builder checks the opcode by name against the builder's version at run time; an opcode of another version that this version lacks always fails.");

    /// <summary>A .pyc created for another version than the code in it.</summary>
    public static readonly DiagnosticDescriptor PycVersionMismatch = new(
        PycVersionMismatchId,
        title: ".pyc version differs from the code's version",
        messageFormat: "The code is built for CPython {0} but the .pyc header says {1}; the interpreter rejects the magic number or misreads the code",
        BytecodeCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "PycFile.Create writes the magic number of the version it is given; code built by a builder of another version does not run there. Use the builder's ToPyc() or pass its own version.");

    /// <summary>An opcode table file that is not valid JSON or does not follow the table format.</summary>
    public static readonly DiagnosticDescriptor MalformedTable = new(
        MalformedTableId,
        title: "Malformed opcode table",
        messageFormat: "Opcode table '{0}' cannot be used: {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "An AdditionalFile named cpython-*.json or *.opcodes.json must follow docs/opcode-table-format.md; no class is generated for it.");

    /// <summary>Two tables that would generate the same class.</summary>
    public static readonly DiagnosticDescriptor DuplicateClassName = new(
        DuplicateClassNameId,
        title: "Two opcode tables have the same class name",
        messageFormat: "Opcode table '{0}' declares className '{1}', which '{2}' already uses; no class is generated for it",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Each opcode table generates one static class named by its \"className\"; the names must differ within a project.");

    /// <summary>A table of a format version this generator does not read.</summary>
    public static readonly DiagnosticDescriptor UnsupportedFormat = new(
        UnsupportedFormatId,
        title: "Unsupported opcode table format",
        messageFormat: "Opcode table '{0}' has format {1}; this version of ByteFluent reads format {2}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The \"format\" field of an opcode table tells which layout it follows; update ByteFluent or regenerate the table.");

    public static DiagnosticDescriptor ById(string id) => id switch
    {
        MalformedTableId => MalformedTable,
        DuplicateClassNameId => DuplicateClassName,
        UnsupportedFormatId => UnsupportedFormat,
        WrongArgumentKindId => WrongArgumentKind,
        LabelNeverMarkedId => LabelNeverMarked,
        LabelMarkedTwiceId => LabelMarkedTwice,
        StackUnderflowId => StackUnderflow,
        MissingOpcodeId => MissingOpcode,
        PycVersionMismatchId => PycVersionMismatch,
        _ => throw new System.ArgumentOutOfRangeException(nameof(id), id, "unknown diagnostic id"),
    };
}
