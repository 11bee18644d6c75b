using System.Globalization;

namespace ByteFluent.Benchmarks.Corpus;

/// <summary>The command line of <c>corpus</c> (see <see cref="Usage"/>).</summary>
internal sealed record CorpusOptions
{
    public const string Usage = """
        usage: corpus [--version X.Y]... [--corpus stdlib|stdlib-no-test|all-levels|DIR] [--files N]
                      [--repeats N] [--slow-repeats N] [--cli-repeats N] [--cli PATH] [--peer-python PATH]
                      [--no-python] [--no-cli] [--no-scaling] [--only read,write,decode,model] [--json FILE]

        For each version (default 3.13; native interpreters only), times on the same files in one run:
        C marshal.loads/dumps (the interpreter timing only its inner loop), ByteFluent read, write, decode and
        the full model round trip (read, Code.FromCode, ToCode, write) in process, dis over every code object,
        the bytecode library where an interpreter can import it, and whole processes: C marshal, and the
        bytefluent CLI's roundtrip --level file|code and dis of the whole corpus to a file.

          --corpus          stdlib (default): the standard library with test/, one optimization level;
                            stdlib-no-test: without the top-level test/ package; all-levels: every .pyc the
                            tests use (every optimization level); DIR: the .pyc files under DIR
          --files N         N files spread evenly over the corpus (a smoke run), default all
          --repeats N       timed runs of the fast stages after one warm-up (default 5)
          --slow-repeats N  timed runs of dis and the bytecode library (default 1: tens of seconds each)
          --cli-repeats N   timed whole-process runs after one warm-up (default 5)
          --cli PATH        the bytefluent executable (default: src/ByteFluent.Cli's Release build: its ReadyToRun
                            publish for this platform, bin/Release/net10.0/RID/publish, where there is one)
          --peer-python P   an interpreter that can import bytecode (default: the version's, then /usr/bin/python3)
          --only STAGES     run only these in-process ByteFluent stages (for a profiler), e.g. --only model
          --alloc-types     print the types the in-process stages allocate most (sampled allocation ticks)
          --json FILE       also write every measurement as JSON
        """;

    public List<string> Versions { get; } = [];

    public string Corpus { get; private set; } = "stdlib";

    public int Files { get; private set; }

    public int Repeats { get; private set; } = 5;

    public int SlowRepeats { get; private set; } = 1;

    public int CliRepeats { get; private set; } = 5;

    public string? CliPath { get; private set; }

    public string? PeerPython { get; private set; }

    public bool Python { get; private set; } = true;

    public bool Cli { get; private set; } = true;

    public bool Scaling { get; private set; } = true;

    public string? JsonPath { get; private set; }

    public IReadOnlySet<string>? Only { get; private set; }

    public bool AllocationTypes { get; private set; }

    /// <summary>Parses the arguments after <c>corpus</c>; null (after printing the usage) when they are wrong.</summary>
    public static CorpusOptions? Parse(IReadOnlyList<string> args, TextWriter error)
    {
        var o = new CorpusOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new FormatException(args[i] + " needs a value");
            int Count() => int.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture);
            try
            {
                switch (args[i])
                {
                    case "--version": o.Versions.Add(Value()); break;
                    case "--corpus": o.Corpus = Value(); break;
                    case "--files": o.Files = Count(); break;
                    case "--repeats": o.Repeats = Math.Max(1, Count()); break;
                    case "--slow-repeats": o.SlowRepeats = Math.Max(1, Count()); break;
                    case "--cli-repeats": o.CliRepeats = Math.Max(1, Count()); break;
                    case "--cli": o.CliPath = Value(); break;
                    case "--peer-python": o.PeerPython = Value(); break;
                    case "--no-python": o.Python = false; break;
                    case "--no-cli": o.Cli = false; break;
                    case "--no-scaling": o.Scaling = false; break;
                    case "--json": o.JsonPath = Value(); break;
                    case "--alloc-types": o.AllocationTypes = true; break;
                    case "--only": o.Only = Value().Split(',').ToHashSet(StringComparer.Ordinal); break;
                    default: throw new FormatException("unknown argument " + args[i]);
                }
            }
            catch (FormatException e)
            {
                error.WriteLine("corpus: " + e.Message);
                error.WriteLine(Usage);
                return null;
            }
        }

        if (o.Versions.Count == 0)
        {
            o.Versions.Add("3.13");
        }

        return o;
    }
}
