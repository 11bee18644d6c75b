using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using ByteFluent.Generators.Diagnostics;
using ByteFluent.Generators.Docs;
using ByteFluent.Generators.Emit;
using ByteFluent.Generators.Json;
using ByteFluent.Generators.Model;
using ByteFluent.Generators.Tables;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ByteFluent.Generators;

/// <summary>
/// Reads the opcode tables given as AdditionalFiles (<c>cpython-X.Y.json</c>, <c>*.opcodes.json</c>) and emits one
/// static class per table (<c>ByteFluent.Python312</c>, ...) plus the assembly's table list. The pipeline holds only
/// value-equatable models (no symbols, syntax or Compilation), so edits to C# code leave every step cached.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class OpcodeTableGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var files = context.AdditionalTextsProvider
            .Where(static file => TableFiles.IsTable(file.Path))
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, ct) => ReadFile(pair.Left, pair.Right, ct))
            .WithTrackingName(TrackingNames.TableFiles);

        var parsed = files
            .Select(static (file, ct) => Parse(file, ct))
            .WithTrackingName(TrackingNames.ParsedTables);

        var valid = parsed.Collect()
            .Select(static (all, _) => Validate(all))
            .WithTrackingName(TrackingNames.ValidTables);

        var emissions = valid
            .SelectMany(static (set, _) => Emissions(set.Tables))
            .WithTrackingName(TrackingNames.TableEmissions);

        var sources = emissions
            .Select(static (emission, _) => new GeneratedSource(TableEmitter.HintName(emission.Table), TableEmitter.Emit(emission)))
            .WithTrackingName(TrackingNames.TableSources);

        // The opcode docs (*.docs.json): one sentence, stack before → after, argument, traps per opcode name.
        var docFiles = context.AdditionalTextsProvider
            .Where(static file => DocsReader.IsDocs(file.Path))
            .Select(static (file, ct) => ParseDocs(file, ct))
            .WithTrackingName(TrackingNames.DocFiles);

        var docs = docFiles.Collect()
            .Select(static (all, _) => DocsReader.Merge(all.OrderBy(d => d.FileName, System.StringComparer.Ordinal).Select(d => (IReadOnlyList<OpcodeDoc>)d.Docs)))
            .WithTrackingName(TrackingNames.Docs);

        // Builders depend on one table (with which tables share each name) and the docs, so editing one table
        // regenerates one builder.
        var builders = emissions
            .Combine(docs)
            .Select(static (pair, _) => new GeneratedSource(BuilderEmitter.HintName(pair.Left.Table), BuilderEmitter.Emit(pair.Left, pair.Right)))
            .WithTrackingName(TrackingNames.BuilderSources);

        // A project without tables (a user's project that only references ByteFluent) gets no registry class.
        var registry = valid
            .Select(static (set, _) => set.Tables.Count == 0 ? null : new GeneratedSource(RegistryEmitter.HintName, RegistryEmitter.Emit(set.Tables)))
            .WithTrackingName(TrackingNames.Registry);

        // Capability and group interfaces over the builders (ByteFluent.Shared): a separate step in Shared/.
        Shared.SharedStep.Register(context, valid.Select(static (set, _) => set.Tables));

        var diagnostics = valid
            .Select(static (set, _) => set.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);

        context.RegisterSourceOutput(sources, static (spc, source) => spc.AddSource(source.HintName, SourceText.From(source.Text, System.Text.Encoding.UTF8)));
        context.RegisterSourceOutput(builders, static (spc, source) => spc.AddSource(source.HintName, SourceText.From(source.Text, System.Text.Encoding.UTF8)));
        context.RegisterSourceOutput(registry, static (spc, source) =>
        {
            if (source is not null)
            {
                spc.AddSource(source.HintName, SourceText.From(source.Text, System.Text.Encoding.UTF8));
            }
        });
        context.RegisterSourceOutput(docFiles, static (spc, file) =>
        {
            foreach (var d in file.Diagnostics)
            {
                spc.ReportDiagnostic(d.ToDiagnostic());
            }
        });
        context.RegisterSourceOutput(diagnostics, static (spc, list) =>
        {
            foreach (var d in list)
            {
                spc.ReportDiagnostic(d.ToDiagnostic());
            }
        });
    }

    private static TableFile ReadFile(AdditionalText file, AnalyzerConfigOptionsProvider options, CancellationToken ct)
    {
        var ns = options.GetOptions(file).TryGetValue(TableFiles.NamespaceMetadata, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value.Trim()
            : TableFiles.DefaultNamespace;
        return new TableFile(file.Path, Path.GetFileName(file.Path), ns, file.GetText(ct)?.ToString());
    }

    private static TableParseResult Parse(TableFile file, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (file.Text is null)
        {
            return Failure(file, DiagnosticDescriptors.MalformedTableId, 0, 0, file.FileName, "the file cannot be read");
        }

        try
        {
            var table = TableReader.Read(file.FileName, file.Namespace, file.Text);
            return new TableParseResult(table, EquatableArray<DiagnosticInfo>.Empty);
        }
        catch (TableFormatException e)
        {
            return Failure(file, DiagnosticDescriptors.MalformedTableId, e.Start, e.Length, file.FileName, e.Message);
        }
        catch (UnsupportedFormatException e)
        {
            return Failure(file, DiagnosticDescriptors.UnsupportedFormatId, e.At.Start, e.At.End - e.At.Start,
                file.FileName, Text.Int(e.Format), Text.Int(TableReader.SupportedFormat));
        }
        catch (System.Exception e) when (e is not System.OperationCanceledException)
        {
            // A generator must never crash the compiler; anything unforeseen is still the table's fault.
            return Failure(file, DiagnosticDescriptors.MalformedTableId, 0, 0, file.FileName, e.Message);
        }
    }

    private static DocsParseResult ParseDocs(AdditionalText file, CancellationToken ct)
    {
        var name = Path.GetFileName(file.Path);
        var text = file.GetText(ct)?.ToString();
        var source = new TableFile(file.Path, name, TableFiles.DefaultNamespace, text);
        if (text is null)
        {
            return new DocsParseResult(name, EquatableArray<OpcodeDoc>.Empty, new[] { Locate(source, DiagnosticDescriptors.MalformedDocsId, 0, 0, name, "the file cannot be read") }.ToEquatableArray());
        }

        try
        {
            return new DocsParseResult(name, DocsReader.Read(text).ToEquatableArray(), EquatableArray<DiagnosticInfo>.Empty);
        }
        catch (TableFormatException e)
        {
            return new DocsParseResult(name, EquatableArray<OpcodeDoc>.Empty, new[] { Locate(source, DiagnosticDescriptors.MalformedDocsId, e.Start, e.Length, name, e.Message) }.ToEquatableArray());
        }
    }

    private static TableParseResult Failure(TableFile file, string id, int start, int length, params string[] args)
        => new(null, new[] { Locate(file, id, start, length, args) }.ToEquatableArray());

    private static DiagnosticInfo Locate(TableFile file, string id, int start, int length, params string[] args)
    {
        var text = SourceText.From(file.Text ?? string.Empty);
        start = System.Math.Min(System.Math.Max(start, 0), text.Length);
        length = System.Math.Min(System.Math.Max(length, 0), text.Length - start);
        var span = text.Lines.GetLinePositionSpan(new TextSpan(start, length));
        return new DiagnosticInfo(id, file.Path, start, length, span.Start.Line, span.Start.Character, span.End.Line, span.End.Character,
            args.ToEquatableArray());
    }

    private static ValidTables Validate(ImmutableArray<TableParseResult> all)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var tables = new List<TableModel>();
        var byClass = new Dictionary<string, TableModel>();
        foreach (var result in all.OrderBy(r => r.Table?.FileName ?? string.Empty, System.StringComparer.Ordinal))
        {
            diagnostics.AddRange(result.Diagnostics);
            if (result.Table is not { } table)
            {
                continue;
            }

            var key = table.Namespace + "." + table.ClassName;
            if (byClass.TryGetValue(key, out var first))
            {
                diagnostics.Add(new DiagnosticInfo(DiagnosticDescriptors.DuplicateClassNameId, table.FileName, 0, 0, 0, 0, 0, 0,
                    new[] { table.FileName, table.ClassName, first.FileName }.ToEquatableArray()));
                continue;
            }

            byClass.Add(key, table);
            tables.Add(table);
        }

        return new ValidTables(tables.OrderBy(t => t.VersionKey).ThenBy(t => t.ClassName, System.StringComparer.Ordinal).ToEquatableArray(),
            diagnostics.ToEquatableArray());
    }

    private static IEnumerable<TableEmission> Emissions(EquatableArray<TableModel> tables)
    {
        // Label each table by its version, or by class name where two tables share a version (custom builds).
        var labels = tables.Select(t => tables.Count(o => o.Version == t.Version) > 1 ? t.ClassName : t.Version).ToList();
        var present = new Dictionary<string, List<int>>();
        for (var i = 0; i < tables.Count; i++)
        {
            foreach (var op in tables[i].Opcodes)
            {
                if (!present.TryGetValue(op.Name, out var list))
                {
                    present[op.Name] = list = [];
                }

                list.Add(i);
            }
        }

        var allTables = labels.ToEquatableArray();
        foreach (var table in tables)
        {
            var availability = table.Opcodes.Select(op => Text.Ranges(labels, present[op.Name])).ToEquatableArray();
            yield return new TableEmission(table, availability, allTables);
        }
    }
}

/// <summary>The step names of <see cref="OpcodeTableGenerator"/>'s pipeline (for caching tests).</summary>
public static class TrackingNames
{
    /// <summary>Table files with their text and target namespace.</summary>
    public const string TableFiles = "OpcodeTableFiles";

    /// <summary>Each file parsed into a model or diagnostics.</summary>
    public const string ParsedTables = "ParsedOpcodeTables";

    /// <summary>All tables together, duplicates reported.</summary>
    public const string ValidTables = "ValidOpcodeTables";

    /// <summary>Per table: the model plus which tables share each opcode name.</summary>
    public const string TableEmissions = "OpcodeTableEmissions";

    /// <summary>Per table: the generated source.</summary>
    public const string TableSources = "OpcodeTableSources";

    /// <summary>Per table: the generated fluent builder.</summary>
    public const string BuilderSources = "OpcodeBuilderSources";

    /// <summary>The assembly's table list.</summary>
    public const string Registry = "OpcodeTableRegistry";

    /// <summary>Each opcode docs file parsed.</summary>
    public const string DocFiles = "OpcodeDocFiles";

    /// <summary>All opcode docs merged by name.</summary>
    public const string Docs = "OpcodeDocs";

    /// <summary>The diagnostics to report.</summary>
    public const string Diagnostics = "OpcodeTableDiagnostics";
}

/// <summary>One table file as the pipeline sees it.</summary>
internal sealed record TableFile(string Path, string FileName, string Namespace, string? Text);

/// <summary>The usable tables and every diagnostic about the table files.</summary>
internal sealed record ValidTables(EquatableArray<TableModel> Tables, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>One docs file: its entries or what is wrong with it.</summary>
internal sealed record DocsParseResult(string FileName, EquatableArray<OpcodeDoc> Docs, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>A hint name and the source text to add under it.</summary>
internal sealed record GeneratedSource(string HintName, string Text);
