using System;
using System.IO;

namespace ByteFluent.Generators.Tables;

/// <summary>
/// Which AdditionalFiles are opcode tables: the built-in <c>cpython-X.Y.json</c> and <c>pypy-X.Y.json</c>, and any user table named
/// <c>*.opcodes.json</c> (a custom CPython build, issue 5). Other JSON files in a project are left alone.
/// </summary>
internal static class TableFiles
{
    /// <summary>The metadata a project may set on a table to choose the generated class's namespace.</summary>
    public const string NamespaceMetadata = "build_metadata.AdditionalFiles.ByteFluentNamespace";

    /// <summary>The namespace of the generated classes unless the file says otherwise.</summary>
    public const string DefaultNamespace = "ByteFluent";

    public static bool IsTable(string path)
    {
        var name = Path.GetFileName(path);
        return name.EndsWith(".opcodes.json", StringComparison.OrdinalIgnoreCase)
               || ((name.StartsWith("cpython-", StringComparison.OrdinalIgnoreCase) || name.StartsWith("pypy-", StringComparison.OrdinalIgnoreCase))
                   && name.EndsWith(".json", StringComparison.OrdinalIgnoreCase));
    }
}
