using ByteFluent.Cli;
using ByteFluent.TestSupport;

namespace ByteFluent.Tests.Cli;

/// <summary>Runs <c>bytefluent</c> commands in-process and compiles Python sources with the real interpreters.</summary>
internal static class CliRunner
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CommandLine.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>
    /// Writes each source to DIR/NAME.py and compiles it with <paramref name="version"/>'s interpreter to DIR/NAME.pyc and
    /// DIR/NAME.marshal (marshal.dumps of the module code); the code objects' file name is always <c>m.py</c>.
    /// </summary>
    public static void Compile(string version, string dir, params (string Name, string Source)[] sources)
    {
        foreach (var (name, source) in sources)
        {
            File.WriteAllText(Path.Combine(dir, name + ".py"), source);
        }

        var names = string.Join(", ", sources.Select(s => "'" + s.Name + "'"));
        var script = $$"""
            import marshal, os, py_compile, sys
            d = sys.argv[1]
            for n in [{{names}}]:
                src = os.path.join(d, n + '.py')
                py_compile.compile(src, cfile=os.path.join(d, n + '.pyc'), dfile='m.py', doraise=True)
                with open(src) as f:
                    code = compile(f.read(), 'm.py', 'exec')
                with open(os.path.join(d, n + '.marshal'), 'wb') as f:
                    f.write(marshal.dumps(code))
            """;
        Interpreters.Get(version).Run(script, [dir]).EnsureSuccess("compiling the test sources");
    }
}
