using CsCheck;

namespace ByteFluent.Tests.Properties;

/// <summary>
/// Runs a CsCheck property on a fixed, seeded series of generated values (the same values on every run, so a CI
/// failure reproduces), and on a failure lets CsCheck shrink from the failing seed to a smaller counterexample.
/// <c>BYTEFLUENT_PROPERTY_RUNS=N</c> runs N values per property instead of the CI-sized default.
/// </summary>
internal static class SeededSample
{
    public static int Runs(int ciDefault) =>
        int.TryParse(Environment.GetEnvironmentVariable("BYTEFLUENT_PROPERTY_RUNS"), out var n) && n > 0 ? n : ciDefault;

    public static void Check<T>(Gen<T> gen, Action<T> property, int runs, ulong seed, Func<T, string> print)
    {
        for (var i = 0; i < runs; i++)
        {
            var pcg = new PCG((uint)i + 1, seed);
            var state = pcg.State;
            var value = gen.Generate(pcg, null, out _);
            try
            {
                property(value);
            }
            catch (Exception e)
            {
                var seedString = pcg.ToString(state);
                string shrunk;
                try
                {
                    gen.Sample(property, seed: seedString, iter: 300, threads: 1, print: print);
                    shrunk = "(not reproduced while shrinking)";
                }
                catch (Exception s)
                {
                    shrunk = s.Message;
                }

                throw new Xunit.Sdk.XunitException(
                    $"value {i} of seed {seed} (CsCheck seed \"{seedString}\") fails: {e.Message}\n{print(value)}\nshrunk: {shrunk}");
            }
        }
    }
}
