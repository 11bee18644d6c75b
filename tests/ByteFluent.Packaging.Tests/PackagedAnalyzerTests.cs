namespace ByteFluent.Packaging.Tests;

/// <summary>
/// The analyzers and code fixes as a consumer of the packed library gets them: a build reports the flow rules'
/// diagnostics, and <c>dotnet format analyzers</c> applies the package's code fixes (ByteFluent.CodeFixes.dll beside
/// the analyzer under <c>analyzers/dotnet/cs</c>), after which the program builds cleanly and runs.
/// </summary>
public sealed class PackagedAnalyzerTests
{
    [Fact]
    public void Analyzers_report_and_code_fixes_apply_from_the_package()
    {
        using var workspace = new PackageWorkspace("fixes");
        workspace.Pack("src/ByteFluent/ByteFluent.csproj");
        var app = workspace.CreateConsumer("app");
        workspace.WriteConsumerProject(app);
        var program = Path.Combine(app, "Program.cs");
        File.WriteAllText(program, """
            using ByteFluent;
            var code = Python312.Module().Resume(0).LoadConst(7).StoreFast("x").LoadFast("x").PopTop().ToCode();
            System.Console.WriteLine($"built {code.Name.Value} with {code.Names.Length} name(s)");
            """);
        File.WriteAllText(Path.Combine(app, "Unfixable.cs"), """
            using ByteFluent;
            static class Unfixable
            {
                // Never called: the build reports what the flow sees on one path through the if, and an undeclared cell.
                public static void M(bool flag)
                {
                    var b = Python312.Module().Resume(0).LoadConst(1);
                    if (flag)
                    {
                        b.LoadConst(2);
                    }

                    b.PopTop().PopTop().ReturnConst(null).ToCode();
                    Python312.Function("f").Resume(0).LoadDeref("x").ReturnValue().ToCode();
                }
            }
            """);

        var failed = DotNet.RunFailing(app, workspace.Environment, "dotnet", "build", "-c", "Release");
        foreach (var id in new[] { "BF0011", "BF0015", "BF0007", "BF0016" })
        {
            Assert.Contains("error " + id, failed);
        }

        DotNet.Run(app, workspace.Environment, "dotnet", "format", "analyzers", "--diagnostics", "BF0011", "BF0015", "--severity", "error");
        var text = File.ReadAllText(program);
        Assert.Contains(".LoadConst(7).StoreName(\"x\").LoadName(\"x\").PopTop().ReturnConst(null).ToCode()", text);

        File.Delete(Path.Combine(app, "Unfixable.cs"));
        var output = DotNet.Run(app, workspace.Environment, "dotnet", "run", "-c", "Release");
        Assert.Contains("built <module> with 1 name(s)", output);
    }
}
