namespace ByteFluent.Versions;

/// <summary>The built-in opcode tables, one per supported CPython version (generated from <c>Versions/Tables/*.json</c>).</summary>
public static class OpcodeTables
{
    private static readonly Lazy<OpcodeTable[]> Sorted = new(
        () => GeneratedOpcodeTables.All.OrderBy(t => t.Version).ThenBy(t => t.ClassName, StringComparer.Ordinal).ToArray());

    // The versions with a getter each: finding one version's table builds that table only (building all of them was
    // most of the start-up of a one-file `bytefluent dis`).
    private static readonly (PythonVersion Version, Func<OpcodeTable> Table)[] Entries = GeneratedOpcodeTables.Entries;

    /// <summary>Every built-in table, oldest version first.</summary>
    public static IReadOnlyList<OpcodeTable> All => Sorted.Value;

    /// <summary>The table of a version.</summary>
    /// <exception cref="UnsupportedPythonVersionException">There is no table for the version.</exception>
    public static OpcodeTable ForVersion(PythonVersion version)
        => TryGetForVersion(version, out var table) ? table : throw new UnsupportedPythonVersionException(version);

    /// <summary>The table of a version, if there is one.</summary>
    public static bool TryGetForVersion(PythonVersion version, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out OpcodeTable? table)
    {
        // A loop, not Array.Find with a lambda: this runs for every code object read into the model. The entries are in
        // the order of All (version, then class name), so the first match is the table All would give.
        foreach (var (v, get) in Entries)
        {
            if (v == version)
            {
                table = get();
                return true;
            }
        }

        table = null;
        return false;
    }

    /// <summary>The table whose <c>.pyc</c> magic number (<see cref="OpcodeTable.Magic"/>) is this, if there is one.</summary>
    public static bool TryGetForMagic(int magic, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out OpcodeTable? table)
    {
        table = Array.Find(Sorted.Value, t => t.Magic == magic);
        return table is not null;
    }
}
