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
    public const string MalformedDocsId = "BF0014";
    public const string OperandOutOfRangeId = "BF0010";
    public const string FallsOffEndId = "BF0011";
    public const string ForeignLabelId = "BF0012";
    public const string InconsistentDepthId = "BF0013";
    public const string FastLocalInModuleId = "BF0015";
    public const string UndeclaredCellId = "BF0016";

    /// <summary>Where each rule's help lives: docs/diagnostics.md in the repository and the package, one anchor per id.</summary>
    public const string HelpBase = "docs/diagnostics.md#";

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
        helpLinkUri: HelpBase + WrongArgumentKindId,
        description: "The version-neutral API (new Instr(opcode, arg), builder.Emit(opcode, arg)) takes the argument as an object; its type must match the opcode's argument kind from the opcode table: a Label for jumps, a name (string) for name, local and free opcodes, a number for counts, nothing for opcodes without an argument.");

    /// <summary>A label from DefineLabel that the same method never marks.</summary>
    public static readonly DiagnosticDescriptor LabelNeverMarked = new(
        LabelNeverMarkedId,
        title: "Label defined but never marked",
        messageFormat: "Label '{0}' is defined but never marked; jumps to it fail when the code is built",
        BytecodeCategory,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + LabelNeverMarkedId,
        description: "Every label a builder hands out with DefineLabel must be placed once with MarkLabel before Build(); a jump to an unmarked label makes Build() throw.");

    /// <summary>A label marked more than once.</summary>
    public static readonly DiagnosticDescriptor LabelMarkedTwice = new(
        LabelMarkedTwiceId,
        title: "Label marked twice",
        messageFormat: "Label '{0}' is already marked; a label marks exactly one place",
        BytecodeCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + LabelMarkedTwiceId,
        description: "MarkLabel places a label before the next instruction; a second MarkLabel of the same label throws at run time. Define a second label instead.");

    /// <summary>A straight-line builder chain that pops more than it pushed.</summary>
    public static readonly DiagnosticDescriptor StackUnderflow = new(
        StackUnderflowId,
        title: "Stack underflow in a builder chain",
        messageFormat: "{0} pops {1} item(s) but only {2} are on the stack here",
        BytecodeCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + StackUnderflowId,
        description: "Following the builder code of one method (chains from Function()/Module()/Create(), builders kept in locals, labels, Try bodies, constant arguments) with the stack effects of the version's opcode table, this instruction pops more items than are on the stack. CPython reads below its stack and crashes.");

    /// <summary>An opcode emitted into a builder of a version that does not have it.</summary>
    public static readonly DiagnosticDescriptor MissingOpcode = new(
        MissingOpcodeId,
        title: "Opcode not in the builder's version",
        messageFormat: "CPython {0} has no opcode {1} (it comes from {2})",
        BytecodeCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + MissingOpcodeId,
        description: "Emit(opcode) on a builder checks the opcode by name against the builder's version at run time; an opcode of another version that this version lacks always fails.");

    /// <summary>A .pyc created for another version than the code in it.</summary>
    public static readonly DiagnosticDescriptor PycVersionMismatch = new(
        PycVersionMismatchId,
        title: ".pyc version differs from the code's version",
        messageFormat: "The code is built for CPython {0} but the .pyc header says {1}; the interpreter rejects the magic number or misreads the code",
        BytecodeCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + PycVersionMismatchId,
        description: "PycFile.Create writes the magic number of the version it is given; code built by a builder of another version does not run there. Use the builder's ToPyc() or pass its own version.");

    /// <summary>A stack-position operand outside 1..depth, or a region depth above the stack.</summary>
    public static readonly DiagnosticDescriptor OperandOutOfRange = new(
        OperandOutOfRangeId,
        title: "Operand out of range for the stack",
        messageFormat: "{0} {1} is out of range here; it must be {2}",
        BytecodeCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + OperandOutOfRangeId,
        description: "SWAP, COPY and ROT_N name a stack position counted from the top (1 is the top), DUP_TOPX copies 1 to 5 items, and an exception region's depth is how many items stay below the exception: each must fit the stack depth at that point. CPython does not check at run time and reads or writes outside the stack.");

    /// <summary>Code that is built while its last instruction falls through.</summary>
    public static readonly DiagnosticDescriptor FallsOffEnd = new(
        FallsOffEndId,
        title: "Code falls off its end",
        messageFormat: "The code is built here but execution falls off its end; end it with a return, a raise or a jump",
        BytecodeCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + FallsOffEndId,
        description: "CPython has no implicit return at the end of a code object: the interpreter runs past the last instruction into whatever follows in memory. Every path must end in RETURN_VALUE (RETURN_CONST), RAISE_VARARGS, RERAISE or an unconditional jump.");

    /// <summary>A label used with a builder that did not define it.</summary>
    public static readonly DiagnosticDescriptor ForeignLabel = new(
        ForeignLabelId,
        title: "Label of another builder",
        messageFormat: "Label '{0}' was defined by another builder; a label works only in the builder that defined it",
        BytecodeCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + ForeignLabelId,
        description: "Each builder owns its labels: marking or jumping to a label of another builder throws BuilderLabelException at run time. A label of another version's builder does not compile at all (CS1503: BuilderLabel<Python312.Builder> is not BuilderLabel<Python313.Builder>).");

    /// <summary>A label reached with two different stack depths.</summary>
    public static readonly DiagnosticDescriptor InconsistentDepth = new(
        InconsistentDepthId,
        title: "Label reached with different stack depths",
        messageFormat: "Label '{0}' is reached with stack depth {1} and with depth {2}",
        BytecodeCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + InconsistentDepthId,
        description: "Every path into a label must bring the same number of stack items (CPython's compiler guarantees it, and the interpreter's frame size depends on it). The depths come from the jumps to the label and the fall-through into it, computed with the version's stack effects.");

    /// <summary>A fast-local opcode in a <c>Module()</c> builder's code.</summary>
    public static readonly DiagnosticDescriptor FastLocalInModule = new(
        FastLocalInModuleId,
        title: "Fast local in module code",
        messageFormat: "{0} in module code: a module keeps its variables by name and has no fast locals; use {1}",
        BytecodeCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + FastLocalInModuleId,
        description: "Module() starts code without CO_OPTIMIZED and without declared locals: its variables live in the globals dict and are read and written with LOAD_NAME/STORE_NAME/DELETE_NAME. A LOAD_FAST there reads a slot nothing ever fills (CPython 3.12+ does not check and crashes); the verifier rejects it when the code is built.");

    /// <summary>A cell/free opcode on a name the code does not declare as a cell or free variable.</summary>
    public static readonly DiagnosticDescriptor UndeclaredCell = new(
        UndeclaredCellId,
        title: "Cell or free variable not declared",
        messageFormat: "{0} names '{1}', which is not a cell or free variable of this code ({2})",
        BytecodeCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + UndeclaredCellId,
        description: "LOAD_DEREF, STORE_DEREF, LOAD_CLOSURE, MAKE_CELL and the other cell/free opcodes index the code's cells and free variables; a name must be declared in Function(..., cellVars: [...], freeVars: [...]). Module() declares none. Building the code throws InvalidCodeException.");

    /// <summary>An opcode table file that is not valid JSON or does not follow the table format.</summary>
    public static readonly DiagnosticDescriptor MalformedTable = new(
        MalformedTableId,
        title: "Malformed opcode table",
        messageFormat: "Opcode table '{0}' cannot be used: {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + MalformedTableId,
        description: "An AdditionalFile named cpython-*.json or *.opcodes.json must follow docs/opcode-table-format.md; no class is generated for it.");

    /// <summary>An opcode docs file that is not valid JSON or not in the docs layout.</summary>
    public static readonly DiagnosticDescriptor MalformedDocs = new(
        MalformedDocsId,
        title: "Malformed opcode docs file",
        messageFormat: "Opcode docs file '{0}' cannot be used: {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + MalformedDocsId,
        description: "An AdditionalFile named *.docs.json holds the builders' XML docs per opcode name: {\"format\": 1, \"opcodes\": {\"NAME\": {\"does\", \"stack\", \"arg\", \"trap\", \"replacedBy\", \"eras\"}}}; its entries are not used.");

    /// <summary>Two tables that would generate the same class.</summary>
    public static readonly DiagnosticDescriptor DuplicateClassName = new(
        DuplicateClassNameId,
        title: "Two opcode tables have the same class name",
        messageFormat: "Opcode table '{0}' declares className '{1}', which '{2}' already uses; no class is generated for it",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + DuplicateClassNameId,
        description: "Each opcode table generates one static class named by its \"className\"; the names must differ within a project.");

    /// <summary>A table of a format version this generator does not read.</summary>
    public static readonly DiagnosticDescriptor UnsupportedFormat = new(
        UnsupportedFormatId,
        title: "Unsupported opcode table format",
        messageFormat: "Opcode table '{0}' has format {1}; this version of ByteFluent reads format {2}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + UnsupportedFormatId,
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
        MalformedDocsId => MalformedDocs,
        OperandOutOfRangeId => OperandOutOfRange,
        FallsOffEndId => FallsOffEnd,
        ForeignLabelId => ForeignLabel,
        InconsistentDepthId => InconsistentDepth,
        FastLocalInModuleId => FastLocalInModule,
        UndeclaredCellId => UndeclaredCell,
        _ => throw new System.ArgumentOutOfRangeException(nameof(id), id, "unknown diagnostic id"),
    };
}
