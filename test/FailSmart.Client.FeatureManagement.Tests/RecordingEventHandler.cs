using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;

namespace FailSmart.Client.FeatureManagement.Tests;

/// <summary>Stands in for the server's event endpoint: accepts every batch and keeps the exposures it got.</summary>
internal sealed class RecordingEventHandler : HttpMessageHandler
{
    private readonly ConcurrentQueue<JsonElement> _events = new();

    /// <summary>The unit and experiment of every exposure received, in order.</summary>
    public IReadOnlyList<(string Unit, string Experiment)> Exposures =>
        [.. _events.Where(e => e.GetProperty("type").GetString() == "exposure")
            .Select(e => (e.GetProperty("unitId").GetString()!, e.GetProperty("experiment").GetString()!))];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri!.AbsolutePath != "/events/v1/batch")
        {
            return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        }

        using JsonDocument batch = JsonDocument.Parse(await request.Content!.ReadAsStringAsync(cancellationToken));
        foreach (JsonElement item in batch.RootElement.EnumerateArray())
        {
            _events.Enqueue(item.Clone());
        }

        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"accepted\":0,\"duplicates\":0,\"rejected\":[]}", Encoding.UTF8, "application/json") };
    }
}
