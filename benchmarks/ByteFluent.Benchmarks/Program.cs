using BenchmarkDotNet.Running;
using ByteFluent.Benchmarks;
using ByteFluent.Benchmarks.Corpus;

// `corpus ...` times a whole corpus against CPython measured in the same run and prints ratios (corpus --help);
// anything else goes to BenchmarkDotNet (e.g. `--filter '*'`, `--list flat`).
if (args.Length > 0 && args[0] == "corpus")
{
    if (args.Contains("--help"))
    {
        Console.WriteLine(CorpusOptions.Usage);
        return 0;
    }

    return CorpusBenchmark.Run(args[1..], Console.Out, Console.Error);
}

BenchmarkSwitcher.FromAssembly(typeof(MarshalBenchmarks).Assembly).Run(args);
return 0;
