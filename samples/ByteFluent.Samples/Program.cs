using ByteFluent.Pyc;
using ByteFluent.Samples;
using ByteFluent.Versions;

// Writes every sample's .pyc (and its oracle .py) for the chosen versions (default: all) into <folder>/<version>/.
// Run them with: python samples/run_samples.py <folder>/<version>
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: ByteFluent.Samples OUTPUT-FOLDER [VERSION...]");
    return 2;
}

var versions = args.Length > 1 ? args.Skip(1).Select(PythonVersion.Parse).ToList() : [.. OpcodeTables.All.Select(t => t.Version)];
foreach (var version in versions)
{
    var folder = Path.Combine(args[0], version.ToString());
    Directory.CreateDirectory(folder);
    foreach (var sample in SampleCatalog.For(version))
    {
        var path = Path.Combine(folder, sample.Name + ".pyc");
        PycFile.Create(sample.Build(version), version).Save(path);
        File.WriteAllText(Path.Combine(folder, sample.Name + ".py"), sample.Oracle);
        Console.WriteLine(path);
    }
}

return 0;
