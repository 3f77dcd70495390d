using System.Net;
using FailSmart.Storage;
using FailSmart.Storage.Events;
using Microsoft.Extensions.DependencyInjection;

namespace FailSmart.Server.Tests;

/// <summary>Writes synthetic exposures and events straight into the server's event store, reproducibly.</summary>
internal static class ResultsFixture
{
    public static readonly DateTimeOffset Start = DateTimeOffset.UtcNow.AddDays(-3);

    public static async Task CreateAsync(HttpClient admin, string kind, string json)
    {
        using HttpResponseMessage response = await admin.SendJsonAsync(HttpMethod.Post, $"/api/v1/{kind}", json);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
    }

    public static Task CreateExperimentAsync(HttpClient admin, string key, params string[] variations) =>
        CreateAsync(admin, "experiments", $$"""
            {"key":"{{key}}","variations":[{{string.Join(',', variations.Select(v => $$"""{"key":"{{v}}","weight":{{1.0 / variations.Length}}}"""))}}],"status":"running"}
            """);

    public static Exposure Exposure(string unit, string experiment, int variation, int minute, string? country = null) =>
        new($"x-{experiment}-{unit}-{variation}", "production", unit, experiment, 1, variation, Start.AddMinutes(minute),
            country is null ? null : new Dictionary<string, string> { ["country"] = country });

    public static MetricEvent Event(string unit, string name, double? value, int minute) =>
        new($"e-{name}-{unit}-{minute}", "production", unit, name, value, Start.AddMinutes(minute));

    public static async Task AppendAsync(FailSmartFactory factory, IReadOnlyList<Exposure> exposures, IReadOnlyList<MetricEvent> events)
    {
        IEventStore store = factory.Services.GetRequiredService<IEventStore>();
        await store.AppendAsync(new EventBatch(exposures, events), ApiTestExtensions.Ct);
    }
}
