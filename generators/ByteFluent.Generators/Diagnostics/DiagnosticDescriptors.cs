using Microsoft.CodeAnalysis;

namespace ByteFluent.Generators.Diagnostics;

/// <summary>Every diagnostic the ByteFluent generator and analyzers report (ids are listed in AnalyzerReleases.*.md).</summary>
internal static class DiagnosticDescriptors
{
    public const string MalformedTableId = "BF0001";
    public const string DuplicateClassNameId = "BF0002";
    public const string UnsupportedFormatId = "BF0003";

    private const string Category = "ByteFluent.OpcodeTables";

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
        _ => throw new System.ArgumentOutOfRangeException(nameof(id), id, "unknown diagnostic id"),
    };
}
