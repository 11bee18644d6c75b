using ByteFluent.Marshal;
using ByteFluent.Model;
using ByteFluent.Pyc;
using ByteFluent.Versions;

namespace ByteFluent.Samples;

/// <summary>
/// byteplay's classic edit, done on a function read from a <c>.pyc</c> the real interpreter compiled: insert
/// <c>ROT_TWO</c> (<c>SWAP 2</c> from 3.11) right after the function loads its two arguments, so <c>a - b</c>
/// becomes <c>b - a</c>. Works on every version through the version-neutral code model.
/// </summary>
public static class RotTwo
{
    /// <summary>The module the interpreter compiles (the input).</summary>
    public const string Input = """
        def f(a, b):
            return a - b
        print(f(3, 5))

        """;

    /// <summary>What the transformed module must behave like.</summary>
    public const string Oracle = """
        def f(a, b):
            return b - a
        print(f(3, 5))

        """;

    /// <summary>Reads the compiled module, swaps the operands in <c>f</c>, and returns the new module.</summary>
    public static PyCode Transform(PycFile input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var version = input.Header.Version;
        var module = Code.FromCode(input.Code, version);
        var f = module.NestedCode.Single(c => c.Name.Value == "f");
        var table = OpcodeTables.ForVersion(version);
        var swap = table.TryGetOpcode("ROT_TWO", out var rot) ? new Instr(rot) : new Instr(table["SWAP"], 2);

        // After the instruction that loads b (alone, or paired with a in 3.13+'s LOAD_FAST_LOAD_FAST family).
        var index = f.CodeList.FindIndex(item => item is Instr { Arg: "b" or LocalPair { Second: "b" } } ins && ins.Opcode.Name.StartsWith("LOAD_FAST", StringComparison.Ordinal));
        if (index < 0)
        {
            throw new InvalidOperationException($"f in the {version} module never loads b");
        }

        f.CodeList.Insert(index + 1, swap);
        return module.ToCode(version);
    }
}
