using BenchmarkDotNet.Running;
using ByteFluent.Benchmarks;

// `corpus [--version X.Y]...` times whole corpora against CPython measured in the same run and prints ratios;
// anything else goes to BenchmarkDotNet (e.g. `--filter '*'`, `--list flat`).
if (args.Length > 0 && args[0] == "corpus")
{
    return CorpusRatio.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(MarshalBenchmarks).Assembly).Run(args);
return 0;
