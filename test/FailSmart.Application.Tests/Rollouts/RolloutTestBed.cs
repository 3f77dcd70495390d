using System.Globalization;
using System.Text.Json.Nodes;
using FailSmart.Application.Rollouts;
using FailSmart.Core.Model;
using FailSmart.Core.Targeting;
using FailSmart.Core.Values;
using FailSmart.Protocol.Configuration;
using FailSmart.Storage;
using FailSmart.Storage.Config;
using FailSmart.Storage.Sqlite;
using FailSmart.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FailSmart.Application.Tests.Rollouts;

/// <summary>A real SQLite configuration store, scripted events and policy, and a fake clock: the engine's persistence and transitions under test.</summary>
internal sealed class RolloutTestBed : IDisposable
{
    public static readonly RolloutKey Key = new("production", "checkout", "ramp");

    private readonly TemporaryFolder _folder = new();
    private readonly List<ServiceProvider> _providers = [];

    public RolloutTestBed()
    {
        Store = new SqliteConfigStore(DataFolder.Prepare(_folder.Path), Clock);
        Store.InitializeAsync().GetAwaiter().GetResult();
        Services = Build("replica-a");
    }

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.Parse("2026-06-01T09:00:00Z", CultureInfo.InvariantCulture));

    public SqliteConfigStore Store { get; }

    public ScriptedPolicy Policy { get; } = new();

    public ScriptedEventStore Events { get; } = new();

    public IServiceProvider Services { get; }

    public IRolloutEngine Engine => Services.GetRequiredService<IRolloutEngine>();

    public IRolloutService Rollouts => Services.GetRequiredService<IRolloutService>();

    /// <summary>Another replica over the same store, with its own engine and lease holder name.</summary>
    public IServiceProvider Build(string holder)
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<IConfigStore>(Store);
        services.AddSingleton<IRolloutStore>(Store);
        services.AddSingleton<IEventStore>(Events);
        services.AddSingleton<IRolloutPolicy>(Policy);
        services.AddSingleton(new RolloutEngineOptions { Holder = holder, LookInterval = TimeSpan.FromMinutes(1) });
        services.AddFailSmartApplication();
        ServiceProvider provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider;
    }

    public static RolloutPlan Plan(params RolloutPlanStage[] stages) =>
        new(stages.Length > 0 ? stages : [new RolloutPlanStage(0.01), new RolloutPlanStage(0.05), new RolloutPlanStage(1)]);

    /// <summary>Stores flag "checkout" with one guarded rule "ramp" in production, written through the configuration format's own writer.</summary>
    public async Task<StoredResource> SeedFlagAsync(RolloutPlan plan, double servedFraction = 0)
    {
        var rule = new Rule(Key.Rule, Condition.Always, new RolloutAction("on", new RolloutStage(servedFraction)) { Plan = plan });
        var flag = new Flag(Key.Flag, FlagValueType.Boolean, [new FlagVariation("off", DataValue.False), new FlagVariation("on", DataValue.True)],
            new Dictionary<string, FlagEnvironment>(StringComparer.Ordinal) { [Key.Environment] = new(true, [rule], "off", "off") });
        string document = JsonNode.Parse(ConfigDocument.Serialize(new Core.Model.Configuration { Flags = [flag] }))!["flags"]![0]!.ToJsonString();
        WriteOutcome outcome = await Store.CreateAsync(new ResourceWrite(ResourceKind.Flag, Key.Flag, document, [], null, "Ada"));
        outcome.Status.ShouldBe(WriteStatus.Committed);
        return outcome.Resource!;
    }

    public async Task SeedMetricAsync(string document) =>
        (await Store.CreateAsync(new ResourceWrite(ResourceKind.Metric, JsonNode.Parse(document)!["key"]!.GetValue<string>(), document, [], null, "Ada"))).Status.ShouldBe(WriteStatus.Committed);

    /// <summary>The guarded rule as the stored flag holds it now.</summary>
    public async Task<RolloutAction> ServedAsync()
    {
        StoredResource flag = (await Store.GetAsync(ResourceKind.Flag, Key.Flag)).ShouldNotBeNull();
        string json = new JsonObject { ["version"] = 1, ["flags"] = new JsonArray(JsonNode.Parse(flag.Document)) }.ToJsonString();
        Core.Model.Configuration configuration = ConfigDocument.Parse(json).Configuration.ShouldNotBeNull();
        return (RolloutAction)configuration.Flags[0].Environments[Key.Environment].Rules.Single(r => r.Id == Key.Rule).Action;
    }

    public async Task<IReadOnlyList<AuditEntry>> RolloutAuditAsync() =>
        [.. (await Store.QueryAuditAsync(new AuditQuery(Key: Key.Flag, Limit: 500))).Where(e => e.Action.StartsWith("rollout.", StringComparison.Ordinal)).Reverse()];

    public void Dispose()
    {
        foreach (ServiceProvider provider in _providers)
        {
            provider.Dispose();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
