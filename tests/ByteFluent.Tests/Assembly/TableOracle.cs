using System.Text.Json;
using ByteFluent.TestSupport;

namespace ByteFluent.Tests.Assembly;

/// <summary>Runs dump_tables.py in a real interpreter and caches the records it prints (one per code object).</summary>
internal static class TableOracle
{
    private static readonly Dictionary<string, IReadOnlyList<JsonElement>> Cache = [];
    private static readonly object Gate = new();

    public static IReadOnlyList<JsonElement> Records(string version)
    {
        lock (Gate)
        {
            if (Cache.TryGetValue(version, out var cached))
            {
                return cached;
            }

            var folder = RepositoryPaths.BuildCache("codemodel-tables");
            Directory.CreateDirectory(folder);
            var outPath = Path.Combine(folder, $"tables-{version}.jsonl");
            var script = Path.Combine(RepositoryPaths.Root, "tests", "ByteFluent.Tests", "Assembly", "dump_tables.py");
            // 3.12+ location tables are large; a limited number of modules keeps the run short.
            Interpreters.Get(version).RunScript(script, [outPath, "120"], [folder]).EnsureSuccess($"dump_tables.py under {version}");
            var records = File.ReadLines(outPath).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
            Cache[version] = records;
            return records;
        }
    }

    public static byte[] Hex(JsonElement e, string field) => Convert.FromHexString(e.GetProperty(field).GetString()!);
}
