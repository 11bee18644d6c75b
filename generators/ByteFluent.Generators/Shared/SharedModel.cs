using ByteFluent.Generators.Model;

namespace ByteFluent.Generators.Shared;

/// <summary>One parameter of a shared opcode method: its C# type (the builder written <c>TSelf</c>), name and doc.</summary>
internal sealed record SharedParameter(string Type, string Name, bool IsParams, string Doc)
{
    /// <summary>The declaration as written in a parameter list.</summary>
    public string Declaration => (IsParams ? "params " : string.Empty) + Type + " " + Name;
}

/// <summary>
/// One capability interface: the builders whose method for <see cref="Opcode"/> takes these required parameters
/// (<c>ILoadFast&lt;TSelf&gt;</c>); <see cref="Tables"/> is display text of the versions that implement it.
/// </summary>
internal sealed record SharedMethod(string Interface, string Method, string Opcode, EquatableArray<SharedParameter> Parameters, string Tables);

/// <summary>A group interface: every capability the tables from <see cref="FirstTable"/> to the newest of its family share.</summary>
internal sealed record SharedGroup(string Interface, string FirstTable, string Versions, EquatableArray<string> Members);

/// <summary>
/// How one builder implements one capability: directly when its method has exactly the interface's parameters, else by an
/// explicit implementation that forwards (its extra parameters are optional, so the shared call leaves them at their defaults).
/// </summary>
internal sealed record SharedImplementation(string Interface, string Method, EquatableArray<SharedParameter> Parameters, bool Explicit);

/// <summary>What one table's builder implements (one generated file per table).</summary>
internal sealed record SharedBuilder(string Namespace, string ClassName, string FileName, string Version,
    EquatableArray<SharedImplementation> Methods, EquatableArray<string> Groups);

/// <summary>The interfaces of one namespace's tables (one generated file per namespace).</summary>
internal sealed record SharedNamespace(string Namespace, EquatableArray<SharedMethod> Methods, EquatableArray<SharedGroup> Groups);

/// <summary>The whole shared-interface model of a compilation's tables.</summary>
internal sealed record SharedSet(EquatableArray<SharedNamespace> Namespaces, EquatableArray<SharedBuilder> Builders);
