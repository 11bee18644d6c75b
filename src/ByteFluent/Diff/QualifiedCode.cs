using ByteFluent.Marshal;

namespace ByteFluent.Diff;

/// <summary>A code object of a module with the qualified name that identifies it (<c>C.method</c>, <c>f.&lt;locals&gt;.g</c>).</summary>
/// <param name="Path">The qualified name; a repeated name gets <c>#2</c>, <c>#3</c>, … in the order the objects appear.</param>
/// <param name="Code">The code object.</param>
/// <param name="Depth">0 for the module, 1 for objects defined in it, and so on.</param>
public sealed record QualifiedCode(string Path, PyCode Code, int Depth);

/// <summary>Names every code object of a module by its qualified name, the key <c>bytefluent dis --code</c> and <c>bytefluent diff</c> use.</summary>
public static class CodeNames
{
    /// <summary>The name of the top-level object.</summary>
    public const string Module = "<module>";

    private const int CoOptimized = 0x1;

    /// <summary>
    /// The object <paramref name="root"/> and every object nested in it, depth first, with qualified names: the
    /// stored <c>co_qualname</c> where the version has one (3.11+), otherwise built as CPython builds it (a name
    /// inside a function gets <c>.&lt;locals&gt;.</c>, inside a class a dot, at module level nothing).
    /// </summary>
    public static IReadOnlyList<QualifiedCode> Enumerate(PyCode root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var result = new List<QualifiedCode>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        Visit(root, null, 0);
        return result;

        void Visit(PyCode code, QualifiedCode? parent, int depth)
        {
            var name = parent is null ? Module : QualifiedName(code, parent);
            var count = seen[name] = seen.GetValueOrDefault(name) + 1;
            var entry = new QualifiedCode(count == 1 ? name : $"{name}#{count}", code, depth);
            result.Add(entry);
            foreach (var nested in code.NestedCode)
            {
                Visit(nested, entry, depth + 1);
            }
        }
    }

    private static string QualifiedName(PyCode code, QualifiedCode parent)
    {
        if (code.QualName is { } stored)
        {
            return stored.Value;
        }

        if (parent.Depth == 0)
        {
            return code.Name.Value;
        }

        // The parent's own qualified name, without a "#n" that only disambiguates it.
        var hash = parent.Path.LastIndexOf('#');
        var owner = hash > 0 ? parent.Path[..hash] : parent.Path;
        return (parent.Code.Flags & CoOptimized) != 0 ? $"{owner}.<locals>.{code.Name.Value}" : $"{owner}.{code.Name.Value}";
    }
}
