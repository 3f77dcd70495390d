using FailSmart.Application.Access;
using FailSmart.Application.Demo;
using FailSmart.Application.Problems;
using Microsoft.Extensions.DependencyInjection;

namespace FailSmart.Server.Tests.Demo;

/// <summary>The demo generated once into a fresh server, and once more into another, to compare the two.</summary>
public sealed class DemoFixture : IAsyncLifetime
{
    public static Caller Admin { get; } = new("Ada Lovelace <ada@example.com>", "test-admin", CallerRole.Admin);

    public FailSmartFactory Server { get; } = new();

    public FailSmartFactory Second { get; } = new();

    public DemoSummary Summary { get; private set; } = null!;

    public DemoSummary SecondSummary { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Summary = await LoadAsync(Server);
        SecondSummary = await LoadAsync(Second);
    }

    private static async Task<DemoSummary> LoadAsync(FailSmartFactory server)
    {
        using HttpClient warmUp = server.CreateClient(); // starts the host
        ServiceResult<DemoSummary> loaded = await server.Services.GetRequiredService<IDemoLoader>().LoadAsync(Admin, DemoStory.DefaultSeed, TestContext.Current.CancellationToken);
        loaded.Problem.ShouldBeNull();
        loaded.Outcome.ShouldBe(ServiceOutcome.Created);
        return loaded.Value!;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Second.DisposeAsync();
    }
}
