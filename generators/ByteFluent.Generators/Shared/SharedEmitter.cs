using System.Linq;
using ByteFluent.Generators.Emit;

namespace ByteFluent.Generators.Shared;

/// <summary>Writes the shared interfaces of a namespace (<c>ByteFluent.Shared</c>) and each builder's list of them.</summary>
internal static class SharedEmitter
{
    private const string CodeBuilder = "global::ByteFluent.Building.CodeBuilder<TSelf>";

    /// <summary>The class that lists a namespace's interfaces (also how a referencing compilation sees they exist).</summary>
    public const string IndexClass = "SharedInterfaceIndex";

    public static string NamespaceOf(string tables) => tables + ".Shared";

    public static string InterfacesHintName(SharedNamespace ns) => ns.Namespace + ".Shared.g.cs";

    public static string BuilderHintName(SharedBuilder builder) => builder.ClassName + ".Shared.g.cs";

    public static string EmitInterfaces(SharedNamespace ns)
    {
        var w = Header("the opcode tables of " + ns.Namespace);
        w.Line("namespace " + NamespaceOf(ns.Namespace) + ";");
        w.Line();
        w.Line("/// <summary>The shared builder interfaces of this namespace, generated from its opcode tables.</summary>");
        using (w.Block("public static class " + IndexClass))
        {
            w.Line("/// <summary>The capability interfaces (one opcode method each), by name.</summary>");
            w.Line("public static global::System.Collections.Generic.IReadOnlyList<string> Capabilities { get; } =");
            w.Line("    new string[] { " + string.Join(", ", ns.Methods.Select(m => Text.Literal(m.Interface))) + " };");
            w.Line();
            w.Line("/// <summary>The group interfaces (what a table shares with every newer table of its family), by name.</summary>");
            w.Line("public static global::System.Collections.Generic.IReadOnlyList<string> Groups { get; } =");
            w.Line("    new string[] { " + string.Join(", ", ns.Groups.Select(g => Text.Literal(g.Interface))) + " };");
        }
        foreach (var m in ns.Methods)
        {
            w.Line();
            w.Line($"/// <summary>A builder that emits <c>{Text.Xml(m.Opcode)}</c> through <c>{m.Method}</c> with these arguments (builders of {Text.Xml(m.Tables)}).</summary>");
            w.Line("/// <typeparam name=\"TSelf\">The builder type, returned for chaining.</typeparam>");
            using (w.Block($"public interface {m.Interface}<TSelf>\n    where TSelf : {CodeBuilder}"))
            {
                w.Line($"/// <summary>Emits <c>{Text.Xml(m.Opcode)}</c> (the version's own method; optional arguments it adds keep their defaults).</summary>");
                foreach (var p in m.Parameters)
                {
                    w.Line($"/// <param name=\"{p.Name}\">{p.Doc}</param>");
                }

                w.Line("/// <returns>The builder.</returns>");
                w.Line($"TSelf {m.Method}({string.Join(", ", m.Parameters.Select(p => p.Declaration))});");
            }
        }

        foreach (var g in ns.Groups)
        {
            w.Line();
            w.Line($"/// <summary>");
            w.Line($"/// The opcode methods the builders of {Text.Xml(g.Versions)} all have with the same arguments: code written once against");
            w.Line($"/// it (<c>where T : CodeBuilder&lt;T&gt;, {g.Interface}&lt;T&gt;</c>) builds for each of them. Every builder that has all");
            w.Line($"/// of these methods implements it.");
            w.Line($"/// </summary>");
            w.Line("/// <typeparam name=\"TSelf\">The builder type, returned for chaining.</typeparam>");
            w.Line($"public interface {g.Interface}<TSelf>");
            w.Line("    : " + string.Join(", ", g.Members.Select(m => m + "<TSelf>")));
            w.Line($"    where TSelf : {CodeBuilder}");
            w.Line("{");
            w.Line("}");
        }

        return w.ToString();
    }

    public static string EmitBuilder(SharedBuilder b)
    {
        var shared = "global::" + NamespaceOf(b.Namespace) + ".";
        var w = Header(b.FileName);
        w.Line("namespace " + b.Namespace + ";");
        w.Line();
        using (w.Block("public static partial class " + b.ClassName))
        {
            var list = b.Methods.Select(m => m.Interface).Concat(b.Groups).Select(i => shared + i + "<Builder>").ToList();
            w.Line("public sealed partial class Builder");
            if (list.Count > 0)
            {
                w.Line("    : " + string.Join(",\n        ", list));
            }

            w.Line("{");
            foreach (var m in b.Methods.Where(m => m.Explicit))
            {
                var parameters = string.Join(", ", m.Parameters.Select(p => p.Declaration.Replace("<TSelf>", "<Builder>")));
                var args = string.Join(", ", m.Parameters.Select(p => p.Name));
                w.Line($"    Builder {shared}{m.Interface}<Builder>.{m.Method}({parameters}) => {m.Method}({args});");
            }

            w.Line("}");
        }

        return w.ToString();
    }

    private static IndentedWriter Header(string from)
    {
        var w = new IndentedWriter();
        w.Line("// <auto-generated/>");
        w.Line("// Generated by ByteFluent.Generators from " + from + ". Do not edit: regenerate the table instead.");
        w.Line("#nullable enable");
        w.Line();
        return w;
    }
}
