using System.Collections.Generic;
using System.Linq;
using ByteFluent.Generators.Emit;
using ByteFluent.Generators.Model;

namespace ByteFluent.Generators.Shared;

/// <summary>
/// Decides the shared interfaces from the tables alone: one capability interface per opcode method and shape of its
/// required parameters (types that mean the same in every version: names, counts, flags, constants, this builder's
/// labels), implemented by every builder that has it; and one group interface per table of a family, made of the
/// capabilities that table shares with every newer table of the family. A builder implements a group when it has all
/// of the group's capabilities, so a generic method constrained to a group runs on each of those builders.
/// </summary>
internal static class SharedInterfaces
{
    private const string Label = "global::ByteFluent.Building.BuilderLabel<Builder>";
    private const string SelfLabel = "global::ByteFluent.Building.BuilderLabel<TSelf>";

    /// <summary>Parameter types whose meaning does not depend on the version (the per-version enums do).</summary>
    private static readonly Dictionary<string, string> Universal = new()
    {
        ["string"] = "String",
        ["int"] = "Int",
        ["bool"] = "Bool",
        ["string[]"] = "Names",
        ["global::ByteFluent.Building.Constant?"] = "Constant",
        [Label] = "Label",
    };

    public static SharedSet Build(EquatableArray<TableModel> tables)
    {
        var namespaces = new List<SharedNamespace>();
        var builders = new List<SharedBuilder>();
        foreach (var group in tables.GroupBy(t => t.Namespace).OrderBy(g => g.Key, System.StringComparer.Ordinal))
        {
            var (ns, inNamespace) = ForNamespace(group.Key, group.ToList());
            namespaces.Add(ns);
            builders.AddRange(inNamespace);
        }

        return new SharedSet(namespaces.ToEquatableArray(), builders.ToEquatableArray());
    }

    private sealed record Candidate(int Table, string Method, string Opcode, List<SharedParameter> All, List<SharedParameter> Core, string Key);

    private static (SharedNamespace Namespace, List<SharedBuilder> Builders) ForNamespace(string ns, List<TableModel> tables)
    {
        var labels = tables.Select(t => tables.Count(o => o.Version == t.Version && o.IsPyPy == t.IsPyPy) > 1 ? t.ClassName : t.Version).ToList();
        string Versions(IEnumerable<int> present)
        {
            var set = new HashSet<int>(present);
            string Part(bool pypy)
            {
                var family = Enumerable.Range(0, tables.Count).Where(i => tables[i].IsPyPy == pypy).ToList();
                var hit = family.Select((table, k) => (table, k)).Where(p => set.Contains(p.table)).Select(p => p.k).ToList();
                return Text.Ranges(family.Select(i => labels[i]).ToList(), hit);
            }

            var cpython = Part(false);
            var pypyText = Part(true);
            pypyText = pypyText.Length == 0 ? string.Empty : "PyPy " + pypyText;
            return cpython.Length == 0 ? pypyText : pypyText.Length == 0 ? cpython : cpython + "; " + pypyText;
        }

        var candidates = new List<Candidate>();
        for (var i = 0; i < tables.Count; i++)
        {
            foreach (var op in tables[i].Opcodes)
            {
                if (op.Category == "real" && !BuilderMethods.IsAssemblerOwned(op) && Classify(i, tables[i], op) is { } c)
                {
                    candidates.Add(c);
                }
            }
        }

        // One interface per method name and shape of required parameters; when a name has several shapes, the shape
        // most tables have (the newer on a tie) keeps the plain name and the others say their parameter types.
        var interfaceOf = new Dictionary<(string Method, string Key), string>();
        var methods = new List<SharedMethod>();
        foreach (var byName in candidates.GroupBy(c => c.Method).OrderBy(g => g.Key, System.StringComparer.Ordinal))
        {
            var shapes = byName.GroupBy(c => c.Key)
                .OrderByDescending(g => g.Count()).ThenByDescending(g => g.Max(c => c.Table)).ToList();
            for (var s = 0; s < shapes.Count; s++)
            {
                var first = shapes[s].OrderBy(c => c.Table).First();
                var name = "I" + byName.Key + (s == 0 ? string.Empty : "Of" + Suffix(first.Core));
                interfaceOf[(byName.Key, shapes[s].Key)] = name;
                var present = shapes[s].Select(c => c.Table).Distinct().OrderBy(x => x).ToList();
                methods.Add(new SharedMethod(name, byName.Key, first.Opcode, first.Core.ToEquatableArray(), Versions(present)));
            }
        }

        var implemented = new List<List<SharedImplementation>>();
        var core = methods.ToDictionary(m => m.Interface);
        for (var i = 0; i < tables.Count; i++)
        {
            implemented.Add(candidates.Where(c => c.Table == i)
                .Select(c =>
                {
                    var name = interfaceOf[(c.Method, c.Key)];
                    var shared = core[name].Parameters;
                    var exact = c.All.Count == shared.Count && c.All.Zip(shared, (a, b) => a.Declaration == b.Declaration).All(x => x);
                    return new SharedImplementation(name, c.Method, shared, !exact);
                })
                .GroupBy(m => m.Interface).Select(g => g.First())
                .OrderBy(m => m.Interface, System.StringComparer.Ordinal).ToList());
        }

        var groups = new List<SharedGroup>();
        var family = Enumerable.Range(0, tables.Count).Where(i => !tables[i].IsPyPy).ToList();
        foreach (var i in family)
        {
            var newer = family.Where(j => tables[j].VersionKey.CompareTo(tables[i].VersionKey) >= 0).ToList();
            var members = newer.Select(j => implemented[j].Select(m => m.Interface))
                .Aggregate((a, b) => a.Intersect(b)).OrderBy(m => m, System.StringComparer.Ordinal).ToList();
            if (members.Count > 0)
            {
                groups.Add(new SharedGroup("I" + tables[i].ClassName + "Onward", tables[i].ClassName,
                    Versions(newer), members.ToEquatableArray()));
            }
        }

        var builders = new List<SharedBuilder>();
        for (var i = 0; i < tables.Count; i++)
        {
            var have = new HashSet<string>(implemented[i].Select(m => m.Interface));
            var inGroups = groups.Where(g => g.Members.All(have.Contains)).Select(g => g.Interface).ToEquatableArray();
            builders.Add(new SharedBuilder(ns, tables[i].ClassName, tables[i].FileName, tables[i].Version, implemented[i].ToEquatableArray(), inGroups));
        }

        return (new SharedNamespace(ns, methods.ToEquatableArray(), groups.ToEquatableArray()), builders);
    }

    private static Candidate? Classify(int index, TableModel table, OpcodeModel op)
    {
        var shape = BuilderMethods.Shape(table, op);
        var all = Parse(shape).ToList();
        var core = all.TakeWhile(p => !p.Optional).Select(p => p.Parameter).ToList();
        if (all.Skip(core.Count).Any(p => !p.Optional) || core.Any(p => !Universal.ContainsKey(p.Type.Replace(SelfLabel, Label))))
        {
            return null;
        }

        var key = string.Join(",", core.Select(p => (p.IsParams ? "params " : string.Empty) + p.Type));
        return new Candidate(index, BuilderNaming.Method(op.Identifier), op.Name, all.Select(p => p.Parameter).ToList(), core, key);
    }

    /// <summary>The method's parameter list, split into parameters (types keep their text; the builder becomes <c>TSelf</c>).</summary>
    private static IEnumerable<(SharedParameter Parameter, bool Optional)> Parse(MethodShape shape)
    {
        if (shape.Parameters.Length == 0)
        {
            yield break;
        }

        foreach (var raw in shape.Parameters.Split(','))
        {
            var text = raw.Trim();
            var optional = text.Contains(" = ");
            if (optional)
            {
                text = text.Substring(0, text.IndexOf(" = ", System.StringComparison.Ordinal));
            }

            var isParams = text.StartsWith("params ", System.StringComparison.Ordinal);
            if (isParams)
            {
                text = text.Substring("params ".Length);
            }

            var space = text.LastIndexOf(' ');
            var type = text.Substring(0, space).Replace(Label, SelfLabel);
            var name = text.Substring(space + 1);
            var doc = shape.ParameterDocs.FirstOrDefault(d => d.Name == name).Doc ?? "The argument.";
            yield return (new SharedParameter(type, name, isParams, doc), optional);
        }
    }

    private static string Suffix(List<SharedParameter> core) =>
        core.Count == 0 ? "NoArgument" : string.Concat(core.Select(p => Universal[p.Type.Replace(SelfLabel, Label)]));
}
