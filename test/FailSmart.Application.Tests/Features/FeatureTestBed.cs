using System.Globalization;
using FailSmart.Application.Features;
using FailSmart.Application.Problems;
using FailSmart.Application.Results;
using FailSmart.Application.Rollouts;
using FailSmart.Application.Tests.Rollouts;
using FailSmart.Protocol.Results;
using FailSmart.Storage;
using FailSmart.Storage.Sqlite;
using FailSmart.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FailSmart.Application.Tests.Features;

/// <summary>A real SQLite configuration store and the application services over it, with results answered by a script.</summary>
internal sealed class FeatureTestBed : IDisposable
{
    private readonly TemporaryFolder _folder = new();
    private readonly ServiceProvider _provider;

    public FeatureTestBed(IReadOnlyDictionary<string, string?>? settings = null)
    {
        Store = new SqliteConfigStore(DataFolder.Prepare(_folder.Path), Clock);
        Store.InitializeAsync().GetAwaiter().GetResult();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build());
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<IConfigStore>(Store);
        services.AddSingleton<IRolloutStore>(Store);
        services.AddSingleton<IFeatureStore>(Store);
        services.AddSingleton<IEventStore>(new ScriptedEventStore());
        services.AddSingleton<IRolloutPolicy>(new ScriptedPolicy());
        services.AddSingleton(new RolloutEngineOptions { Holder = "features", LookInterval = TimeSpan.FromMinutes(1) });
        services.AddSingleton<IExperimentResultsService>(Results);
        services.AddFailSmartApplication();
        _provider = services.BuildServiceProvider();
    }

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.Parse("2026-06-01T09:00:00Z", CultureInfo.InvariantCulture));

    public SqliteConfigStore Store { get; }

    public ScriptedResults Results { get; } = new();

    public IFeatureService Features => _provider.GetRequiredService<IFeatureService>();

    public IRolloutEngine Engine => _provider.GetRequiredService<IRolloutEngine>();

    public T Get<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    public void Dispose()
    {
        _provider.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}

/// <summary>Results as a script says, so a test can change them after a decision froze them.</summary>
internal sealed class ScriptedResults : IExperimentResultsService
{
    public Dictionary<string, ExperimentResultsResponse> ByExperiment { get; } = new(StringComparer.Ordinal);

    public Task<ServiceResult<ExperimentResultsResponse>> GetAsync(ResultsQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(ByExperiment.TryGetValue(query.Experiment, out ExperimentResultsResponse? found)
            ? new ServiceResult<ExperimentResultsResponse>(ServiceOutcome.Unchanged, found)
            : ServiceProblems.NotFound("experiment", query.Experiment));

    public Task<ServiceResult<ExperimentTimelineResponse>> TimelineAsync(ResultsQuery query, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Features do not read results over time.");

    public Task<ServiceResult<MetricBaselineResponse>> BaselineAsync(MetricBaselineQuery query, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Features do not read baselines.");
}
