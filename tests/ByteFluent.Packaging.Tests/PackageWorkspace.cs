using System.Reflection;
using ByteFluent.TestSupport;

namespace ByteFluent.Packaging.Tests;

/// <summary>
/// A temporary folder outside the repository with its own NuGet cache and a local package feed: packs the
/// project's packages into the feed under a unique version and makes consumer projects that restore from it.
/// </summary>
internal sealed class PackageWorkspace : IDisposable
{
    private readonly DirectoryInfo work;

    public PackageWorkspace(string name)
    {
        work = Directory.CreateTempSubdirectory($"bytefluent-{name}-");
        Version = $"0.1.0-{name}." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
        Environment = new Dictionary<string, string>
        {
            ["NUGET_PACKAGES"] = Path.Combine(work.FullName, "nuget-cache"),
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };
    }

    /// <summary>The package version used for this workspace, unique so no cached package is reused.</summary>
    public string Version { get; }

    /// <summary>Environment for the child dotnet processes (isolated NuGet cache).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>The workspace folder.</summary>
    public string Folder => work.FullName;

    /// <summary>The local package source.</summary>
    public string Feed => Path.Combine(work.FullName, "feed");

    // The packages are packed from the outputs of the build that built these tests.
    private static string BuildConfiguration => typeof(PackageWorkspace).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "Configuration").Value!;

    /// <summary>Packs a project of the repository (path relative to its root) into <see cref="Feed"/>.</summary>
    public void Pack(string project) =>
        DotNet.Run(RepositoryPaths.Root, Environment, "dotnet", "pack", Path.Combine(RepositoryPaths.Root, project), "-c", BuildConfiguration, "--no-build", "-o", Feed, "-p:PackageVersion=" + Version, "-nologo");

    /// <summary>Creates a consumer project folder whose nuget.config adds <see cref="Feed"/> as a source.</summary>
    public string CreateConsumer(string name)
    {
        var app = Directory.CreateDirectory(Path.Combine(work.FullName, name)).FullName;
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="bytefluent-local" value="{Feed}" />
              </packageSources>
            </configuration>
            """);
        return app;
    }

    /// <summary>
    /// Writes <c>app.csproj</c>: a net10.0 console app that references this workspace's ByteFluent package, with
    /// <paramref name="properties"/> (MSBuild property elements) and <paramref name="items"/> (item elements) added.
    /// </summary>
    public void WriteConsumerProject(string app, string properties = "", string items = "") =>
        File.WriteAllText(Path.Combine(app, "app.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                {properties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ByteFluent" Version="{Version}" />
                {items}
              </ItemGroup>
            </Project>
            """);

    public void Dispose() => work.Delete(recursive: true);
}
