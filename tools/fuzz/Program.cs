using ByteFluent.Fuzz;
using SharpFuzz;

// bytefluent-fuzz TARGET             under afl-fuzz: persistent in-process loop on AFL's inputs
// bytefluent-fuzz TARGET --replay F  run one input (or every file of a folder) outside AFL, printing any finding
// bytefluent-fuzz marshal --seeds DIR FILE...  write a marshal seed (version index + stream) of each .pyc into DIR
if (args.Length == 0 || !FuzzTargets.All.TryGetValue(args[0], out var target))
{
    Console.Error.WriteLine("usage: ByteFluent.Fuzz " + string.Join('|', FuzzTargets.All.Keys) + " [--replay FILE|DIR]");
    return 2;
}

if (args.Length >= 3 && args[0] == "marshal" && args[1] == "--seeds")
{
    var written = 0;
    foreach (var file in args[3..])
    {
        if (FuzzTargets.MarshalSeed(File.ReadAllBytes(file)) is { } seed)
        {
            File.WriteAllBytes(Path.Combine(args[2], $"{written++:D4}-{Path.GetFileNameWithoutExtension(file)}.bin"), seed);
        }
    }

    Console.WriteLine($"{written} marshal seeds");
    return 0;
}

if (args.Length == 3 && args[1] == "--replay")
{
    var files = Directory.Exists(args[2]) ? Directory.GetFiles(args[2]) : [args[2]];
    var failed = 0;
    foreach (var file in files)
    {
        try
        {
            target(File.ReadAllBytes(file));
        }
        catch (Exception e)
        {
            failed++;
            Console.WriteLine($"{file}: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
            Console.WriteLine(string.Join('\n', (e.StackTrace ?? string.Empty).Split('\n').Take(4)));
        }
    }

    Console.WriteLine($"{files.Length} inputs, {failed} findings");
    return failed == 0 ? 0 : 1;
}

Fuzzer.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    target(buffer.ToArray());
});
return 0;
