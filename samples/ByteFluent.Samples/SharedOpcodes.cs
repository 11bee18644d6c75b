using ByteFluent.Building;
using ByteFluent.Marshal;
using ByteFluent.Model;
using ByteFluent.Portable;
using ByteFluent.Shared;
using ByteFluent.Versions;
using static ByteFluent.Portable.Py;

namespace ByteFluent.Samples;

/// <summary>
/// Raw opcodes written once for several versions through the generated shared interfaces (<c>ByteFluent.Shared</c>):
/// <see cref="Rotate{T}"/> is one generic method over every builder of 2.7 and 3.6–3.15 (<see cref="IPython27Onward{TSelf}"/>:
/// the opcode methods 2.7 shares with every newer table), <see cref="SwapPair{T}"/> one over the builders of 3.11 and
/// later (<see cref="IPython311Onward{TSelf}"/> has <c>SWAP</c>). The portable layer writes the module around them (its
/// calls and prints differ per version) and drops to the raw body with <see cref="Block.Raw"/>.
/// </summary>
public static class SharedOpcodes
{
    private static readonly string[] Abc = ["a", "b", "c"];

    /// <summary>The program as source, for <see cref="Rotate{T}"/>'s module.</summary>
    public const string RotateOracle = """
        def rotate(a, b, c):
            a, b, c = b, c, a
            return [a, b, c]
        print(rotate(1, 2, 3))
        print(rotate('x', 'y', 'z'))

        """;

    /// <summary>The program as source, for <see cref="SwapPair{T}"/>'s module.</summary>
    public const string SwapOracle = """
        def swap_pair(a, b):
            return (b, a)
        print(swap_pair(1, 'one'))

        """;

    /// <summary>Every version: the builders all implement <see cref="IPython27Onward{TSelf}"/>.</summary>
    public static IReadOnlyList<PythonVersion> RotateVersions { get; } = [.. PythonVersion.WithInterpreter];

    /// <summary>3.11 and later: the builders that implement <see cref="IPython311Onward{TSelf}"/>.</summary>
    public static IReadOnlyList<PythonVersion> SwapVersions { get; } = [.. RotateVersions.Where(v => v >= PythonVersion.V3_11)];

    /// <summary><c>a, b, c = b, c, a; return [a, b, c]</c> with raw opcodes, the same C# for every version.</summary>
    /// <typeparam name="T">Any builder with the opcode methods 2.7 shares with every newer version.</typeparam>
    /// <param name="b">The builder of the function's body.</param>
    public static T Rotate<T>(T b)
        where T : CodeBuilder<T>, IPython27Onward<T>
        => b.LoadFast("b").LoadFast("c").LoadFast("a").BuildTuple(3).UnpackSequence(3)
            .StoreFast("a").StoreFast("b").StoreFast("c")
            .LoadFast("a").LoadFast("b").LoadFast("c").BuildList(3).ReturnValue();

    /// <summary><c>return (b, a)</c> through <c>SWAP</c>, the same C# for 3.11 and later.</summary>
    /// <typeparam name="T">Any builder with the opcode methods 3.11 shares with every newer version.</typeparam>
    /// <param name="b">The builder of the function's body.</param>
    public static T SwapPair<T>(T b)
        where T : CodeBuilder<T>, IPython311Onward<T>
        => b.LoadFast("a").LoadFast("b").Swap(2).BuildTuple(2).ReturnValue();

    /// <summary>The module that defines and calls <c>rotate</c>, for <paramref name="version"/>.</summary>
    public static PyCode BuildRotate(PythonVersion version) => PortableModule.Create(m => m
        .Def("rotate", Abc, f => f.Raw(RotateBody))
        .Print(Call("rotate", 1, 2, 3))
        .Print(Call("rotate", Const("x"), Const("y"), Const("z")))).ToCode(version);

    /// <summary>The module that defines and calls <c>swap_pair</c>, for <paramref name="version"/> (3.11 or later).</summary>
    public static PyCode BuildSwap(PythonVersion version) => PortableModule.Create(m => m
        .Def("swap_pair", ["a", "b"], f => f.Raw(SwapBody))
        .Print(Call("swap_pair", 1, Const("one")))).ToCode(version);

    // The one place that names the builder types: a generic method needs its type argument at compile time.
    private static IReadOnlyList<CodeItem> RotateBody(OpcodeTable table) => table.Version.ToString() switch
    {
        "2.7" => Rotate(Python27.Function("rotate", Abc)).Items,
        "3.6" => Rotate(Python36.Function("rotate", Abc)).Items,
        "3.7" => Rotate(Python37.Function("rotate", Abc)).Items,
        "3.8" => Rotate(Python38.Function("rotate", Abc)).Items,
        "3.9" => Rotate(Python39.Function("rotate", Abc)).Items,
        "3.10" => Rotate(Python310.Function("rotate", Abc)).Items,
        "3.11" => Rotate(Python311.Function("rotate", Abc)).Items,
        "3.12" => Rotate(Python312.Function("rotate", Abc)).Items,
        "3.13" => Rotate(Python313.Function("rotate", Abc)).Items,
        "3.14" => Rotate(Python314.Function("rotate", Abc)).Items,
        "3.15" => Rotate(Python315.Function("rotate", Abc)).Items,
        _ => throw new UnsupportedPythonVersionException(table.Version),
    };

    private static IReadOnlyList<CodeItem> SwapBody(OpcodeTable table) => table.Version.ToString() switch
    {
        "3.11" => SwapPair(Python311.Function("swap_pair", ["a", "b"])).Items,
        "3.12" => SwapPair(Python312.Function("swap_pair", ["a", "b"])).Items,
        "3.13" => SwapPair(Python313.Function("swap_pair", ["a", "b"])).Items,
        "3.14" => SwapPair(Python314.Function("swap_pair", ["a", "b"])).Items,
        "3.15" => SwapPair(Python315.Function("swap_pair", ["a", "b"])).Items,
        _ => throw new UnsupportedPythonVersionException(table.Version),
    };
}
