namespace ByteFluent.Benchmarks.Corpus;

/// <summary>
/// The process's peak resident set (Linux VmHWM), which <see cref="Reset"/> clears (writing 5 to /proc/self/clear_refs)
/// so that one stage's peak can be read on its own. Elsewhere: the process's peak since it started.
/// </summary>
internal static class PeakWorkingSet
{
    public static void Reset()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not Linux, or not allowed: the peak is then the whole process's.
        }
    }

    public static long Read()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), System.Globalization.CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return self.PeakWorkingSet64;
    }
}
