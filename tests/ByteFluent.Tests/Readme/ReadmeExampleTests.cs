using ByteFluent.Model;
using ByteFluent.Pyc;
using ByteFluent.TestSupport;
using ByteFluent.Versions;

namespace ByteFluent.Tests.Readme;

/// <summary>The README's C# quick-start snippets, compiled and run as written.</summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public void Fluent_example_builds_a_module_that_prints_five()
    {
        var work = Directory.CreateTempSubdirectory("bytefluent-readme-");
        try
        {
            var path = Path.Combine(work.FullName, "add.pyc");
            var add = Python312.Function("add", args: ["a", "b"])
                .Resume(0).LoadFast("a").LoadFast("b").BinaryOp(Python312.BinaryOperator.Add).ReturnValue();
            Python312.Module()
                .Resume(0).LoadConst(add).MakeFunction().StoreName("add")
                .PushNull().LoadName("print").PushNull().LoadName("add").LoadConst(2).LoadConst(3).Call(2).Call(1).PopTop()
                .ReturnConst(null)
                .SavePyc(path);

            var run = Interpreters.Get("3.12").Run($"import runpy\nrunpy.run_path('{path}')");
            Assert.Equal("5", run.EnsureSuccess("add.pyc").Trim());
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [Fact]
    public void Edit_example_swaps_the_printed_arguments()
    {
        var work = Directory.CreateTempSubdirectory("bytefluent-readme-");
        try
        {
            var path = Path.Combine(work.FullName, "module.cpython-312.pyc");
            File.Copy(Path.Combine(RepositoryPaths.Root, "samples", "demo", "swap_demo.cpython-312.pyc"), path);

            var pyc = PycFile.Load(path);
            var module = Code.FromCode(pyc.Code, pyc.Header.Version);
            var f = module.NestedCode.Single(c => c.Name.Value == "f");
            var call = f.CodeList.FindIndex(i => i is Instr { Opcode.Name: "CALL" });
            var table = OpcodeTables.ForVersion(pyc.Header.Version);
            f.CodeList.Insert(call, table.TryGetOpcode("ROT_TWO", out var rot) ? new Instr(rot) : new Instr(table["SWAP"], 2));
            (pyc with { Value = module.ToCode(), Layout = null }).Save(path);

            var run = Interpreters.Get("3.12").Run($"import runpy\nrunpy.run_path('{path}')");
            Assert.Equal("5 3", run.EnsureSuccess("module.pyc").Trim());
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
