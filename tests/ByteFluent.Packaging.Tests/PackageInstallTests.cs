using System.IO.Compression;
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
        File.WriteAllText(Path.Combine(app, "app.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ByteFluent" Version="{workspace.Version}" />
              </ItemGroup>
            </Project>
            """);
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
    }
}
