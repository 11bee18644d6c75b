using ByteFluent.Model;
using ByteFluent.Shared;
using ByteFluent.Versions;

namespace ByteFluent.Tests.Building;

/// <summary>
/// The generated shared interfaces (<c>ByteFluent.Shared</c>) over the real tables: each group is implemented by every
/// builder of its version and newer, a builder implements a capability only for an opcode its table has, and a call
/// through an interface reaches the version's own method (with its optional arguments at their defaults).
/// </summary>
public sealed class SharedInterfaceTests
{
    private static Type BuilderOf(OpcodeTable table) =>
        typeof(OpcodeTable).Assembly.GetType($"ByteFluent.Python{table.Version.Major}{table.Version.Minor}+Builder", throwOnError: true)!;

    private static Type Shared(string name) =>
        typeof(SharedInterfaceIndex).Assembly.GetType("ByteFluent.Shared." + name + "`1", throwOnError: true)!;

    private static bool Implements(Type builder, Type open) =>
        builder.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == open);

    /// <summary>The versions with an interpreter (the suite's 11).</summary>
    public static TheoryData<string> Versions => [.. PythonVersion.WithInterpreter.Select(v => v.ToString())];

    [Fact]
    public void Each_group_is_implemented_by_its_version_and_every_newer_one()
    {
        var tables = PythonVersion.WithInterpreter.Select(OpcodeTables.ForVersion).ToList();
        foreach (var group in tables)
        {
            var open = Shared($"IPython{group.Version.Major}{group.Version.Minor}Onward");
            Assert.Contains($"IPython{group.Version.Major}{group.Version.Minor}Onward", SharedInterfaceIndex.Groups);
            foreach (var table in tables.Where(t => t.Version >= group.Version))
            {
                Assert.True(Implements(BuilderOf(table), open), $"{table.Version} does not implement {open.Name}");
            }
        }

        // 3.11's group has SWAP and PUSH_NULL; 2.7–3.10 have neither, so their builders cannot be passed where it is asked.
        foreach (var old in tables.Where(t => t.Version < PythonVersion.V3_11))
        {
            Assert.False(Implements(BuilderOf(old), Shared("IPython311Onward")), old.Version.ToString());
        }
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void A_capability_is_implemented_exactly_when_the_table_has_the_opcode(string version)
    {
        var table = OpcodeTables.ForVersion(PythonVersion.Parse(version));
        var builder = BuilderOf(table);
        var names = table.Opcodes.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var iface in builder.GetInterfaces().Where(i => i.Namespace == "ByteFluent.Shared"))
        {
            var methods = iface.GetGenericTypeDefinition().GetMethods();
            foreach (var m in methods)
            {
                Assert.True(names.Any(n => Pascal(n) == m.Name || Pascal(n) + "Op" == m.Name), $"{version}'s builder implements {iface.Name}.{m.Name} without such an opcode");
            }
        }

        // Opcodes whose methods take only version-independent arguments (names, counts, none) are always shared.
        foreach (var (opcode, capability) in new[] { ("LOAD_FAST", "ILoadFast"), ("POP_TOP", "IPopTop"), ("SWAP", "ISwap"), ("ROT_TWO", "IRotTwo"), ("PUSH_NULL", "IPushNull"), ("RETURN_VALUE", "IReturnValue"), ("STORE_NAME", "IStoreName") })
        {
            Assert.Equal(names.Contains(opcode), Implements(builder, Shared(capability)));
        }
    }

    [Fact]
    public void A_call_through_an_interface_reaches_the_versions_own_method()
    {
        // 3.12's LoadGlobal takes an optional push-NULL bit: the interface call leaves it off.
        var b312 = (ILoadGlobal<Python312.Builder>)Python312.Function("f");
        var instr312 = Assert.IsType<Instr>(b312.LoadGlobal("len").Items[^1]);
        Assert.Equal(new GlobalName("len", false), instr312.Arg);

        var b27 = (ILoadGlobal<Python27.Builder>)Python27.Function("f");
        var instr27 = Assert.IsType<Instr>(b27.LoadGlobal("len").Items[^1]);
        Assert.Equal("LOAD_GLOBAL", instr27.Opcode.Name);
        Assert.Equal("len", instr27.Arg);
    }

    private static string Pascal(string name)
    {
        var parts = name.Split('_').Select(p => new string([.. p.Where(char.IsLetterOrDigit)])).Where(p => p.Length > 0)
            .Select(p => char.ToUpperInvariant(p[0]) + p[1..].ToLowerInvariant());
        return string.Concat(parts);
    }
}
