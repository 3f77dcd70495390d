using FailSmart.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FailSmart.Client.AspNetCore.Tests;

public sealed class FailSmartServiceCollectionExtensionsTests
{
    private static string ExamplePath => Path.Combine(RepositoryRoot.Find(), "docs", "examples", "checkout.json");

    [Fact]
    public async Task AddFailSmart_binds_the_FailSmart_section_and_the_client_is_ready_when_the_host_has_started()
    {
        using IHost host = Host(new() { ["FailSmart:BootstrapFile"] = ExamplePath, ["FailSmart:MaxBatchSize"] = "123" });

        await host.StartAsync(TestContext.Current.CancellationToken);

        IFailSmartClient client = host.Services.GetRequiredService<IFailSmartClient>();
        client.State.ShouldBe(ClientState.Ready);
        client.Origin.ShouldBe(RuleSetOrigin.Bootstrap);
        host.Services.GetRequiredService<IOptions<FailSmartClientOptions>>().Value.MaxBatchSize.ShouldBe(123);
        host.Services.GetRequiredService<IFailSmartClient>().ShouldBeSameAs(client);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task AddFailSmart_with_invalid_options_fails_at_start_naming_each_problem()
    {
        using IHost host = Host(new() { ["FailSmart:ServerUrl"] = "https://flags.example.com", ["FailSmart:MaxBatchSize"] = "0" });

        OptionsValidationException ex = await Should.ThrowAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        ex.Failures.ShouldContain(f => f.Contains("ServerKey", StringComparison.Ordinal));
        ex.Failures.ShouldContain(f => f.Contains("MaxBatchSize", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddFailSmart_resolves_relative_paths_against_the_content_root_not_the_working_directory()
    {
        using var root = new TemporaryFolder();
        File.Copy(ExamplePath, Path.Combine(root.Path, "rules.json"));
        string elsewhere = Path.Combine(Path.GetTempPath(), "failsmart-elsewhere-cache");
        HostApplicationBuilder builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = root.Path });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FailSmart:BootstrapFile"] = "rules.json",
            ["FailSmart:CacheDirectory"] = elsewhere, // absolute: kept as given
        });
        builder.Services.AddFailSmart(options => options.EventBufferDirectory = Path.Combine("data", "events"));
        using IHost host = builder.Build();
        Directory.GetCurrentDirectory().ShouldNotBe(root.Path); // so the working directory would not find rules.json

        await host.StartAsync(TestContext.Current.CancellationToken);

        FailSmartClientOptions options = host.Services.GetRequiredService<IOptions<FailSmartClientOptions>>().Value;
        options.BootstrapFile.ShouldBe(Path.Combine(root.Path, "rules.json"));
        options.CacheDirectory.ShouldBe(elsewhere);
        options.EventBufferDirectory.ShouldBe(Path.Combine(root.Path, "data", "events"));
        IFailSmartClient client = host.Services.GetRequiredService<IFailSmartClient>();
        client.Origin.ShouldBe(RuleSetOrigin.Bootstrap);
        client.State.ShouldBe(ClientState.Ready);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    private static IHost Host(Dictionary<string, string?> settings)
    {
        HostApplicationBuilder builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddFailSmart();
        return builder.Build();
    }
}
