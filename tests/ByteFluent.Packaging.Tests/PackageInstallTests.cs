using System.IO.Compression;
using ByteFluent.TestSupport;

namespace ByteFluent.Packaging.Tests;

/// <summary>
/// Packs ByteFluent and ByteFluent.Cli, installs them from a local folder source into a fresh project and a
/// fresh tool path (outside the repository, with its own NuGet cache) and uses them there.
/// </summary>
public sealed class PackageInstallTests : IDisposable
{
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("bytefluent-pack-");
    private readonly string version = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
    private readonly Dictionary<string, string> environment;

    public PackageInstallTests()
    {
        environment = new Dictionary<string, string>
        {
            ["NUGET_PACKAGES"] = Path.Combine(work.FullName, "nuget-cache"),
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };
    }

    private string Feed => Path.Combine(work.FullName, "feed");

    public void Dispose() => work.Delete(recursive: true);

    [Fact]
    public void Library_package_carries_the_generator_docs_readme_and_license()
    {
        Pack("src/ByteFluent/ByteFluent.csproj");
        using var zip = ZipFile.OpenRead(Path.Combine(Feed, $"ByteFluent.{version}.nupkg"));
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet();
        Assert.Contains("lib/net10.0/ByteFluent.dll", entries);
        Assert.Contains("lib/net10.0/ByteFluent.xml", entries);
        Assert.Contains("analyzers/dotnet/cs/ByteFluent.Generators.dll", entries);
        Assert.Contains("README.md", entries);
        Assert.Contains("LICENSE", entries);
    }

    [Fact]
    public void Library_installs_into_a_fresh_project_and_its_generated_api_works()
    {
        Pack("src/ByteFluent/ByteFluent.csproj");
        var app = Directory.CreateDirectory(Path.Combine(work.FullName, "app")).FullName;
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="bytefluent-local" value="{Feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(app, "app.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ByteFluent" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using ByteFluent;
            System.Console.WriteLine($"{Python312.LOAD_FAST} {Python312.LOAD_FAST.Number} {Python27.ROT_TWO} {Python311.SWAP.Number}");
            """);

        var output = DotNet.Run(app, environment, "dotnet", "run", "-c", "Release");
        Assert.Contains("LOAD_FAST 124 ROT_TWO 99", output);
    }

    [Fact]
    public void Cli_installs_as_a_dotnet_tool_named_bytefluent()
    {
        Pack("src/ByteFluent.Cli/ByteFluent.Cli.csproj");
        var toolPath = Path.Combine(work.FullName, "tools");
        DotNet.Run(work.FullName, environment, "dotnet", "tool", "install", "ByteFluent.Cli", "--tool-path", toolPath, "--add-source", Feed, "--version", version);
        var output = DotNet.Run(work.FullName, environment, Path.Combine(toolPath, "bytefluent"), "versions");
        Assert.Equal(Interpreters.SupportedVersions, output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    private static string BuildConfiguration => typeof(PackageInstallTests).Assembly
        .GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
        .Cast<System.Reflection.AssemblyMetadataAttribute>()
        .Single(a => a.Key == "Configuration").Value!;

    private void Pack(string project)
    {
        // The ByteFluent.Cli package depends on nothing packed separately: the library ships inside the tool.
        DotNet.Run(RepositoryPaths.Root, environment, "dotnet", "pack", Path.Combine(RepositoryPaths.Root, project), "-c", BuildConfiguration, "--no-build", "-o", Feed, "-p:PackageVersion=" + version, "-nologo");
    }
}
