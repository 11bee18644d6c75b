using System.IO.Compression;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using ByteFluent.TestSupport;

namespace ByteFluent.Packaging.Tests;

/// <summary>
/// Packs ByteFluent and ByteFluent.Cli, installs them from a local folder source into a fresh project and a
/// fresh tool path (outside the repository, with its own NuGet cache) and uses them there.
/// </summary>
public sealed class PackageInstallTests : IDisposable
{
    private readonly PackageWorkspace workspace = new("test");

    public void Dispose() => workspace.Dispose();

    [Fact]
    public void Library_package_carries_the_generator_docs_readme_and_license()
    {
        workspace.Pack("src/ByteFluent/ByteFluent.csproj");
        using var zip = ZipFile.OpenRead(Path.Combine(workspace.Feed, $"ByteFluent.{workspace.Version}.nupkg"));
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet();
        Assert.Contains("lib/net10.0/ByteFluent.dll", entries);
        Assert.Contains("lib/net10.0/ByteFluent.xml", entries);
        Assert.Contains("analyzers/dotnet/cs/ByteFluent.Generators.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/ByteFluent.CodeFixes.dll", entries);
        Assert.Contains("README.md", entries);
        Assert.Contains("LICENSE", entries);
    }

    [Fact]
    public void Library_installs_into_a_fresh_project_and_its_generated_api_works()
    {
        workspace.Pack("src/ByteFluent/ByteFluent.csproj");
        var app = workspace.CreateConsumer("app");
        workspace.WriteConsumerProject(app, properties: "<TreatWarningsAsErrors>true</TreatWarningsAsErrors>");
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using ByteFluent;
            System.Console.WriteLine($"{Python312.LOAD_FAST} {Python312.LOAD_FAST.Number} {Python27.ROT_TWO} {Python311.SWAP.Number}");
            """);

        var output = DotNet.Run(app, workspace.Environment, "dotnet", "run", "-c", "Release");
        Assert.Contains("LOAD_FAST 124 ROT_TWO 99", output);
    }

    [Fact]
    public void Cli_installs_as_a_dotnet_tool_named_bytefluent()
    {
        workspace.Pack("src/ByteFluent.Cli/ByteFluent.Cli.csproj");
        var toolPath = Path.Combine(workspace.Folder, "tools");
        DotNet.Run(workspace.Folder, workspace.Environment, "dotnet", "tool", "install", "ByteFluent.Cli", "--tool-path", toolPath, "--add-source", workspace.Feed, "--version", workspace.Version);
        var output = DotNet.Run(workspace.Folder, workspace.Environment, Path.Combine(toolPath, "bytefluent"), "versions");
        // The tool lists every supported version (older CPythons and PyPy too); the ones with an oracle here
        // appear among them in their order.
        var listed = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(Interpreters.SupportedVersions, listed.Where(v => Interpreters.SupportedVersions.Contains(v)));

        // The install picked this platform's package: the ReadyToRun one on linux-x64, the portable one elsewhere.
        var expected = RuntimeInformation.RuntimeIdentifier == "linux-x64" ? "bytefluent.cli.linux-x64" : "bytefluent.cli.any";
        Assert.Single(Directory.GetDirectories(Path.Combine(toolPath, ".store"), expected, SearchOption.AllDirectories));
    }

    [Fact]
    public void Cli_packs_a_pointer_package_a_ReadyToRun_linux_x64_package_and_a_portable_one()
    {
        workspace.Pack("src/ByteFluent.Cli/ByteFluent.Cli.csproj");
        using (var pointer = OpenPackage("ByteFluent.Cli"))
        {
            Assert.DoesNotContain(pointer.Entries, e => e.FullName.EndsWith(".dll", StringComparison.Ordinal));
            using var reader = new StreamReader(pointer.GetEntry("tools/any/any/DotnetToolSettings.xml")!.Open());
            var settings = reader.ReadToEnd();
            Assert.Contains("RuntimeIdentifier=\"any\" Id=\"ByteFluent.Cli.any\"", settings);
            Assert.Contains("RuntimeIdentifier=\"linux-x64\" Id=\"ByteFluent.Cli.linux-x64\"", settings);
        }

        using (var linux = OpenPackage("ByteFluent.Cli.linux-x64"))
        {
            Assert.True(IsReadyToRun(linux, "tools/net10.0/linux-x64/ByteFluent.Cli.dll"));
            Assert.True(IsReadyToRun(linux, "tools/net10.0/linux-x64/ByteFluent.dll"));
        }

        using (var portable = OpenPackage("ByteFluent.Cli.any"))
        {
            Assert.False(IsReadyToRun(portable, "tools/net10.0/any/ByteFluent.Cli.dll"));
            Assert.False(IsReadyToRun(portable, "tools/net10.0/any/ByteFluent.dll"));

            // The portable package runs as it is (what every platform without its own package installs).
            var folder = Path.Combine(workspace.Folder, "portable");
            portable.ExtractToDirectory(folder);
            var output = DotNet.Run(folder, workspace.Environment, "dotnet", Path.Combine(folder, "tools", "net10.0", "any", "ByteFluent.Cli.dll"), "versions");
            Assert.Contains("3.13", output.Split('\n', StringSplitOptions.TrimEntries));
        }
    }

    private ZipArchive OpenPackage(string id) => ZipFile.OpenRead(Path.Combine(workspace.Feed, $"{id}.{workspace.Version}.nupkg"));

    // A ReadyToRun image carries precompiled code behind the CLI header's managed native header; an IL-only one has none.
    private static bool IsReadyToRun(ZipArchive package, string entry)
    {
        using var bytes = new MemoryStream();
        using (var stream = package.GetEntry(entry)!.Open())
        {
            stream.CopyTo(bytes);
        }

        bytes.Position = 0;
        using var pe = new PEReader(bytes);
        return pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0;
    }
}
