using ByteFluent.Assembly;
using ByteFluent.Model;
using ByteFluent.Versions;

namespace ByteFluent.Portable.Lowering;

/// <summary>
/// The line marker of a statement that carries a full source position. Before 3.11 the line tables
/// (<c>co_lnotab</c> / <c>co_linetable</c> of 3.10) hold lines only, so the columns are dropped.
/// </summary>
internal class StatementPositions
{
    public static StatementPositions For(PythonVersion version) =>
        version.Major == 3 && version.Minor >= 11 ? new StatementPositions311() : new StatementPositions();

    public virtual SetLineno Marker(SourceLocation position) => new(position.Line.GetValueOrDefault());
}

/// <summary>3.11+: the position table records line, end line and columns per instruction.</summary>
internal sealed class StatementPositions311 : StatementPositions
{
    public override SetLineno Marker(SourceLocation position) => new(position);
}
