using System.Text.Json.Nodes;
using ByteFluent.TestSupport;

namespace ByteFluent.Packaging.Tests;

/// <summary>
/// A consumer of the packed library adds its own opcode table (3.12 with two opcode numbers swapped, as a custom
/// CPython build might have) in a namespace of its choice, and gets a generated class, a typed builder and the
/// analyzers for it; the code it builds carries the table's numbers and reads back with the table.
/// </summary>
public sealed class CustomTableTests : IDisposable
{
    private readonly PackageWorkspace workspace = new("custom");

    public void Dispose() => workspace.Dispose();

    [Fact]
    public void Remapped_table_in_a_consumer_project_gets_an_emitter_a_table_and_the_analyzers()
    {
        workspace.Pack("src/ByteFluent/ByteFluent.csproj");

        var app = workspace.CreateConsumer("app");
        File.WriteAllText(Path.Combine(app, "remapped.opcodes.json"), RemappedTable());
        workspace.WriteConsumerProject(app, items: """<AdditionalFiles Include="remapped.opcodes.json" ByteFluentNamespace="Custom.Opcodes" />""");
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using System.Linq;
            using Custom.Opcodes;
            var builder = Remapped312.Module().Resume(0).LoadConst(5).UnaryNegative().UnaryNot().PopTop().ReturnConst(null);
            var opcodes = string.Join(",", builder.Items.OfType<ByteFluent.Model.Instr>().Select(i => i.Opcode.Name + "=" + i.Opcode.Number));
            System.Console.WriteLine($"{Remapped312.UNARY_NEGATIVE.Number} {ByteFluent.Python312.UNARY_NEGATIVE.Number} {Remapped312.Table[12].Name} {opcodes}");

            // The built code object carries the table's numbers; read back with the table it lists the same instructions.
            var code = builder.ToCode();
            var units = string.Join(",", code.Code.Where((_, i) => i % 2 == 0));
            var listing = ByteFluent.Model.Code.FromCode(code, Remapped312.Table).CodeList.ToString();
            System.Console.WriteLine($"units {units}");
            var standard = ByteFluent.Model.Code.FromCode(builder.Build().ToCode(ByteFluent.Python312.Table), ByteFluent.Versions.PythonVersion.V3_12).CodeList.ToString();
            System.Console.WriteLine(listing == standard ? "same listing" : "different listing:\n" + listing + "\n" + standard);
            Unmarked.M();

            static class Unmarked
            {
                public static void M() => Remapped312.Module().DefineLabel(out var never).Nop();
            }
            """);

        var output = DotNet.Run(app, workspace.Environment, "dotnet", "run", "-c", "Release");
        Assert.Contains("12 11 UNARY_NEGATIVE RESUME=151,LOAD_CONST=100,UNARY_NEGATIVE=12,UNARY_NOT=11,POP_TOP=1,RETURN_CONST=121", output);
        Assert.Contains("units 151,100,12,11,1,121\n", output.ReplaceLineEndings("\n"));
        Assert.Contains("same listing", output);
        var build = DotNet.Run(app, workspace.Environment, "dotnet", "build", "-c", "Release", "--no-incremental");
        Assert.Contains("BF0005", build);
    }

    /// <summary>The 3.12 table with UNARY_NEGATIVE (11) and UNARY_NOT (12) swapped, under another class name.</summary>
    private static string RemappedTable()
    {
        var table = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.OpcodeTables, "cpython-3.12.json")))!.AsObject();
        table["className"] = "Remapped312";
        table["source"] = "custom";
        var opcodes = table["opcodes"]!.AsArray();
        foreach (var op in opcodes)
        {
            var name = (string)op!["name"]!;
            op["number"] = name switch { "UNARY_NEGATIVE" => 12, "UNARY_NOT" => 11, _ => (int)op["number"]! };
        }

        var sorted = opcodes.Select(o => o!.DeepClone()).OrderBy(o => (int)o["number"]!).ToList();
        opcodes.Clear();
        foreach (var op in sorted)
        {
            opcodes.Add(op);
        }

        return table.ToJsonString();
    }
}
