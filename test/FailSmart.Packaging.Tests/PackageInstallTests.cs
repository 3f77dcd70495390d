using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security;
using System.Text;
using System.Text.Json;
using FailSmart.Testing;

namespace FailSmart.Packaging.Tests;

/// <summary>
/// Installs the packages the way docs/packages.md tells a team to: a fresh application in an empty folder
/// whose nuget.config adds the package folder, `dotnet add`-style references at the built version, one
/// restore, one build, one run against a real server; and the tool into its own tool path. The two tests
/// share the isolated NuGet cache, so they run one after the other (one class).
/// </summary>
public sealed class PackageInstallTests
{
    private const string AdminKey = "fs_admin_packaging01_0123456789abcdefghijklmnop";

    [Fact]
    public async Task Fresh_app_from_the_package_folder_reads_flags_from_a_server()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string packages = PackedPackages.Folder();
        using var data = new TemporaryFolder();
        using var app = new TemporaryFolder();
        (Process server, Uri address) = await ChildServer.StartAsync(["--data", data.Path, "--Auth:BootstrapAdminKey", AdminKey], null, ct);
        try
        {
            string serverKey = await SeedAsync(address, ct);
            WriteSample(app.Path, packages);
            DotnetCommand.ForgetFailSmartPackages();

            (int built, string buildOutput) = await DotnetCommand.RunAsync(app.Path,
                ["build", "-c", "Release", "-nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false"], ct);
            built.ShouldBe(0, buildOutput);

            (int ran, string output) = await DotnetCommand.RunAsync(app.Path,
                [Path.Combine(app.Path, "bin", "Release", "net10.0", "PackagedSample.dll"), $"--FailSmart:ServerUrl={address}", $"--FailSmart:ServerKey={serverKey}"], ct);
            ran.ShouldBe(0, output);
            string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            lines.ShouldContain("state=Ready", output);
            lines.ShouldContain("packaged-flag=True", output);
            lines.ShouldContain("packaged-greeting=Hello from the packages", output);

            // The app was built from the folder's packages, not from the repository's projects.
            string assets = await File.ReadAllTextAsync(Path.Combine(app.Path, "obj", "project.assets.json"), ct);
            foreach (string id in PackedPackages.Libraries)
            {
                assets.ShouldContain($"\"{id}/{PackedPackages.Version}\"", Case.Sensitive, $"{id} was not restored as a package.");
            }
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync(ct);
            server.Dispose();
        }
    }

    [Fact]
    public async Task Tool_installs_from_the_package_folder_and_prints_its_version()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var tools = new TemporaryFolder();
        DotnetCommand.ForgetFailSmartPackages();

        (int installed, string installOutput) = await DotnetCommand.RunAsync(tools.Path,
            ["tool", "install", PackedPackages.Tool, "--version", PackedPackages.Version, "--tool-path", tools.Path, "--add-source", PackedPackages.Folder()], ct);
        installed.ShouldBe(0, installOutput);

        (int ran, string output) = await DotnetCommand.RunProgramAsync(Path.Combine(tools.Path, "failsmart"), tools.Path, ["--version"], ct);
        ran.ShouldBe(0, output);
        output.Trim().ShouldStartWith(PackedPackages.Version);
    }

    [Fact]
    public async Task Installed_tool_serves_the_web_UI_with_its_styles_and_script_from_any_folder()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var tools = new TemporaryFolder();
        using var elsewhere = new TemporaryFolder();
        DotnetCommand.ForgetFailSmartPackages();
        (int installed, string installOutput) = await DotnetCommand.RunAsync(tools.Path,
            ["tool", "install", PackedPackages.Tool, "--version", PackedPackages.Version, "--tool-path", tools.Path, "--add-source", PackedPackages.Folder()], ct);
        installed.ShouldBe(0, installOutput);

        int port = ChildServer.FreePort();
        var info = new ProcessStartInfo(Path.Combine(tools.Path, "failsmart")) { WorkingDirectory = elsewhere.Path, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in (string[])["serve", "--data", Path.Combine(elsewhere.Path, "data"), "--urls", $"http://127.0.0.1:{port}"])
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_ROOT"] = DotnetCommand.DotnetRoot;
        using Process server = Process.Start(info)!;
        var output = new StringBuilder();
        server.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        server.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            string home = await HomePageAsync(client, server, output, ct);

            // Every stylesheet and script the first page names, served from the tool's own folder: without them the
            // page is unstyled and never becomes interactive.
            string[] assets = [.. System.Text.RegularExpressions.Regex.Matches(home, "(?:href|src)=\"(_[^\"]+\\.(?:css|js))\"").Select(m => m.Groups[1].Value)];
            assets.ShouldContain("_framework/blazor.web.js");
            assets.ShouldContain("_content/MudBlazor/MudBlazor.min.css");
            foreach (string asset in assets)
            {
                using HttpResponseMessage response = await client.GetAsync(new Uri("/" + asset, UriKind.Relative), ct);
                response.StatusCode.ShouldBe(HttpStatusCode.OK, asset);
                (await response.Content.ReadAsByteArrayAsync(ct)).Length.ShouldBeGreaterThan(100, asset);
            }
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync(ct);
        }
    }

    private static async Task<string> HomePageAsync(HttpClient client, Process server, StringBuilder output, CancellationToken ct)
    {
        for (int attempt = 0; attempt < 240; attempt++)
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException("failsmart serve stopped: " + output);
            }

            try
            {
                using HttpResponseMessage response = await client.GetAsync(new Uri("/", UriKind.Relative), ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return await response.Content.ReadAsStringAsync(ct);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(500, ct);
        }

        throw new TimeoutException("failsmart serve did not answer in 2 minutes: " + output);
    }

    /// <summary>Two flags and a server key for production; returns the key's secret.</summary>
    private static async Task<string> SeedAsync(Uri address, CancellationToken ct)
    {
        using var admin = new HttpClient { BaseAddress = address };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        string[] flags =
        [
            """{"key":"packaged-flag","type":"boolean","variations":[{"key":"off","value":false},{"key":"on","value":true}],"environments":{"production":{"enabled":true,"offVariation":"off","defaultVariation":"on","rules":[]}}}""",
            """{"key":"packaged-greeting","type":"string","variations":[{"key":"plain","value":"Hello"},{"key":"packaged","value":"Hello from the packages"}],"environments":{"production":{"enabled":true,"offVariation":"plain","defaultVariation":"packaged","rules":[]}}}""",
        ];
        foreach (string flag in flags)
        {
            using HttpResponseMessage created = await admin.PostAsync(new Uri("/api/v1/flags", UriKind.Relative), Json(flag), ct);
            created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(ct));
        }

        using HttpResponseMessage key = await admin.PostAsync(new Uri("/api/v1/api-keys", UriKind.Relative),
            Json("""{"name":"packaged sample","kind":"server","environment":"production"}"""), ct);
        key.StatusCode.ShouldBe(HttpStatusCode.Created, await key.Content.ReadAsStringAsync(ct));
        JsonElement body = await key.Content.ReadFromJsonAsync<JsonElement>(ct);
        return body.GetProperty("secret").GetString()!;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>What a team writes: a nuget.config with the folder as a source, two package references, a Program.cs.</summary>
    private static void WriteSample(string folder, string packages)
    {
        File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="failsmart-local" value="{SecurityElement.Escape(packages)}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(folder, "PackagedSample.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="FailSmart.Client.AspNetCore" Version="{PackedPackages.Version}" />
                <PackageReference Include="FailSmart.Client.FeatureManagement" Version="{PackedPackages.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(folder, "Program.cs"), """
            using FailSmart.Client;
            using FailSmart.Core.Values;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;
            using Microsoft.FeatureManagement;

            HostApplicationBuilder builder = Host.CreateApplicationBuilder(args);
            builder.Services.AddFailSmart();
            builder.Services.AddFailSmartFeatureManagement();
            using IHost host = builder.Build();
            await host.StartAsync();

            IFailSmartClient flags = host.Services.GetRequiredService<IFailSmartClient>();
            ClientState state = await flags.WaitForInitializationAsync(TimeSpan.FromSeconds(30));
            IFeatureManager features = host.Services.GetRequiredService<IFeatureManager>();
            Console.WriteLine($"state={state}");
            Console.WriteLine($"packaged-flag={await features.IsEnabledAsync("packaged-flag")}");
            Console.WriteLine($"packaged-greeting={flags.GetString("packaged-greeting", "default", Attributes.Of(("id", "user-1")))}");
            await host.StopAsync();
            """);
    }
}
