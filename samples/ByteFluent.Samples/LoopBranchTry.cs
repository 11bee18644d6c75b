using ByteFluent.Marshal;
using ByteFluent.Portable;
using ByteFluent.Portable.Syntax;
using ByteFluent.Versions;
using static ByteFluent.Portable.Py;

namespace ByteFluent.Samples;

/// <summary>
/// A function with a while loop, an if/else and a try/except, and a module that defines it and prints a few calls,
/// written once on the portable layer and lowered for all 11 versions (SETUP_LOOP and SETUP_EXCEPT on 2.7–3.7, JUMP_IF_NOT_EXC_MATCH
/// on 3.9–3.10, exception tables, PUSH_NULL and BINARY_OP from 3.11, …). The Python it stands for is <see cref="Oracle"/>.
/// </summary>
public static class LoopBranchTry
{
    /// <summary>The same program as source: what the built module must print.</summary>
    public const string Oracle = """
        def classify(n):
            total = 0
            i = 0
            while i < n:
                if i % 2 == 0:
                    total = total + i
                else:
                    total = total - 1
                i = i + 1
            try:
                r = 100 // total
            except ZeroDivisionError:
                r = -1
            return (total, r)
        print(classify(0))
        print(classify(3))
        print(classify(5))
        print(classify(8))

        """;

    /// <summary>The arguments the module calls <c>classify</c> with.</summary>
    public static readonly int[] Calls = [0, 3, 5, 8];

    /// <summary>The versions this sample targets: all of them.</summary>
    public static IReadOnlyList<PythonVersion> Versions { get; } = [.. OpcodeTables.All.Select(t => t.Version)];

    /// <summary>The portable module (one description for every version).</summary>
    public static PortableModule Module() => PortableModule.Create(m =>
    {
        m.Def("classify", ["n"], f => f
            .Assign("total", 0)
            .Assign("i", 0)
            .While(Name("i").Lt(Name("n")), loop => loop
                .If((Name("i") % 2).Eq(0),
                    then => then.Assign("total", Name("total") + Name("i")),
                    orElse => orElse.Assign("total", Name("total") - 1))
                .Assign("i", Name("i") + 1))
            .Try(
                body => body.Assign("r", Const(100).FloorDiv(Name("total"))),
                clauses => clauses.Except("ZeroDivisionError", h => h.Assign("r", -1)))
            .Return(Tuple(Name("total"), Name("r"))));
        foreach (var n in Calls)
        {
            m.Print(Call("classify", n));
        }
    });

    /// <summary>The module for <paramref name="version"/>.</summary>
    public static PyCode Build(PythonVersion version) => Module().ToCode(version);
}
