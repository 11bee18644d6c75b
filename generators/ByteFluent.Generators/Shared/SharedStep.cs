using System.Linq;
using ByteFluent.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ByteFluent.Generators.Shared;

/// <summary>
/// The shared-interface step of <see cref="OpcodeTableGenerator"/>: from the valid tables, the interfaces of each
/// namespace and one partial <c>Builder</c> per table that lists them. Its models are value-equatable, so a C# edit or a
/// table change that leaves the opcode methods alone (an interpreter string, a stack formula) keeps every output cached.
/// </summary>
internal static class SharedStep
{
    public static void Register(IncrementalGeneratorInitializationContext context, IncrementalValueProvider<EquatableArray<TableModel>> tables)
    {
        // A namespace whose interfaces a referenced assembly already declares (a user's custom table left in the library's
        // own namespace, ByteFluent) gets none here: declaring them twice would make every use ambiguous.
        var declared = tables
            .Select(static (all, _) => all.Select(t => t.Namespace).Distinct().OrderBy(n => n, System.StringComparer.Ordinal).ToEquatableArray())
            .Combine(context.CompilationProvider)
            .Select(static (pair, _) => pair.Left
                .Where(ns => pair.Right.GetTypeByMetadataName(SharedEmitter.NamespaceOf(ns) + "." + SharedEmitter.IndexClass) is not null)
                .ToEquatableArray())
            .WithTrackingName(SharedTrackingNames.Declared);

        var model = tables
            .Combine(declared)
            .Select(static (pair, _) => SharedInterfaces.Build(pair.Left.Where(t => !pair.Right.Contains(t.Namespace)).ToEquatableArray()))
            .WithTrackingName(SharedTrackingNames.Model);

        var interfaces = model
            .SelectMany(static (set, _) => set.Namespaces.Where(ns => ns.Methods.Count > 0))
            .Select(static (ns, _) => new GeneratedSource(SharedEmitter.InterfacesHintName(ns), SharedEmitter.EmitInterfaces(ns)))
            .WithTrackingName(SharedTrackingNames.InterfaceSources);

        var builders = model
            .SelectMany(static (set, _) => set.Builders)
            .Select(static (builder, _) => new GeneratedSource(SharedEmitter.BuilderHintName(builder), SharedEmitter.EmitBuilder(builder)))
            .WithTrackingName(SharedTrackingNames.BuilderSources);

        context.RegisterSourceOutput(interfaces, static (spc, source) => spc.AddSource(source.HintName, SourceText.From(source.Text, System.Text.Encoding.UTF8)));
        context.RegisterSourceOutput(builders, static (spc, source) => spc.AddSource(source.HintName, SourceText.From(source.Text, System.Text.Encoding.UTF8)));
    }
}

/// <summary>The step names of the shared-interface step (for caching tests).</summary>
public static class SharedTrackingNames
{
    /// <summary>The table namespaces whose interfaces a referenced assembly already declares.</summary>
    public const string Declared = "SharedInterfacesDeclared";

    /// <summary>The interfaces and each builder's list of them.</summary>
    public const string Model = "SharedInterfaceModel";

    /// <summary>Per namespace: the interface declarations.</summary>
    public const string InterfaceSources = "SharedInterfaceSources";

    /// <summary>Per table: the builder's list of interfaces.</summary>
    public const string BuilderSources = "SharedBuilderSources";
}
