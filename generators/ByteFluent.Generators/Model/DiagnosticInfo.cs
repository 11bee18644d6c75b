using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ByteFluent.Generators.Model;

/// <summary>A diagnostic as plain data (no <see cref="Location"/> or <see cref="SourceText"/>), so results stay cacheable.</summary>
internal sealed record DiagnosticInfo(
    string DescriptorId,
    string FilePath,
    int Start,
    int Length,
    int StartLine,
    int StartCharacter,
    int EndLine,
    int EndCharacter,
    EquatableArray<string> Arguments)
{
    public Diagnostic ToDiagnostic()
    {
        var location = Location.Create(
            FilePath,
            new TextSpan(Start, Length),
            new LinePositionSpan(new LinePosition(StartLine, StartCharacter), new LinePosition(EndLine, EndCharacter)));
        return Diagnostic.Create(Diagnostics.DiagnosticDescriptors.ById(DescriptorId), location, Arguments.ToArray<object>());
    }
}

/// <summary>The result of reading one table file: a model, or the diagnostics that prevented one.</summary>
internal sealed record TableParseResult(TableModel? Table, EquatableArray<DiagnosticInfo> Diagnostics);
