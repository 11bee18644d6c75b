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

var versions = args.Length > 1 ? args.Skip(1).Select(PythonVersion.Parse).ToList() : [.. OpcodeTables.All.Select(t => t.Version).Where(PythonVersion.WithInterpreter.Contains)];
foreach (var version in versions)
{
    var folder = Path.Combine(args[0], version.ToString());
    Directory.CreateDirectory(folder);
    foreach (var sample in SampleCatalog.For(version))
    {
        var path = Path.Combine(folder, sample.Name + ".pyc");
        var inputPath = Path.Combine(folder, "inputs", sample.Name + ".pyc");
        if (sample.Input is not null && !File.Exists(inputPath))
        {
            // Compile it first: python samples/compile_inputs.py <folder>/<version>/inputs
            Directory.CreateDirectory(Path.GetDirectoryName(inputPath)!);
            File.WriteAllText(Path.ChangeExtension(inputPath, ".py"), sample.Input);
            Console.Error.WriteLine($"{sample.Name}: compile {Path.ChangeExtension(inputPath, ".py")} with Python {version} first");
            continue;
        }

        PycFile.Create(sample.Build(version, sample.Input is null ? null : PycFile.Load(inputPath)), version).Save(path);
        File.WriteAllText(Path.Combine(folder, sample.Name + ".py"), sample.Oracle);
        Console.WriteLine(path);
    }
}

return 0;
