using System.Net.Http.Headers;
using System.Text.Json;
using FailSmart.Client.Diagnostics;
using FailSmart.Client.Sync;
using FailSmart.Core.Evaluation;
using Microsoft.Extensions.Logging;

namespace FailSmart.Client.Insights;

/// <summary>
/// Evaluation insights: hands each rule set its <see cref="EvaluationCounters"/>, and about once a minute drains
/// them into a report for `POST /events/v1/usage`. A report that could not be sent is kept with its id and sent
/// again first (at most <see cref="MaxKept"/> are kept; beyond that the oldest is dropped). Counts live only in
/// memory: a crash loses those since the last flush, which is why insights are approximate by design.
/// </summary>
internal sealed class UsageReporter(HttpClient http, TimeSpan interval, TimeSpan requestTimeout, TimeProvider time, ILogger logger) : IDisposable
{
    public const string Source = "sdk-dotnet";
    private const int MaxKept = 10;

    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private readonly Queue<UsageReport> _unsent = new();
    private readonly List<EvaluationCounters> _retired = [];
    private EvaluationCounters? _current;

    public void Dispose() => _flushing.Dispose();

    /// <summary>The counters for a rule set: the same ones while the evaluator is the same, new ones when it changes.</summary>
    public EvaluationCounters Attach(Evaluator evaluator)
    {
        lock (_gate)
        {
            if (_current is { } current && ReferenceEquals(current.Evaluator, evaluator))
            {
                return current;
            }

            if (_current is not null)
            {
                // Drained at the next flush and the one after, so an evaluation still running on the old rule set is counted too.
                _retired.Add(_current);
            }

            _current = new EvaluationCounters(evaluator, time);
            return _current;
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await FlushAsync(cancellationToken);
        }
    }

    /// <summary>Drains every counter into a report and sends what is unsent, oldest first. True when nothing is left unsent.</summary>
    public async Task<bool> FlushAsync(CancellationToken cancellationToken)
    {
        await _flushing.WaitAsync(cancellationToken);
        try
        {
            Enqueue(Drain());
            while (_unsent.TryPeek(out UsageReport? report))
            {
                if (!await SendAsync(report, cancellationToken))
                {
                    return false;
                }

                _unsent.Dequeue();
            }

            return true;
        }
        finally
        {
            _flushing.Release();
        }
    }

    private UsageReport Drain()
    {
        var counts = new List<UsageCount>();
        lock (_gate)
        {
            _current?.Drain(counts);
            foreach (EvaluationCounters retired in _retired)
            {
                retired.Drain(counts);
            }

            // Kept for one more drain after the first, then let go.
            _retired.RemoveAll(r => r.RetiredDrains++ >= 1);
        }

        // The same flag and variation may come from two rule sets: one line each, summed.
        UsageCount[] merged =
        [
            .. counts.GroupBy(c => (c.Flag, c.Variation))
                .Select(g => new UsageCount(g.Key.Flag, g.Key.Variation, g.Sum(c => c.Count), g.Max(c => c.LastEvaluated))),
        ];
        return new UsageReport(Guid.CreateVersion7().ToString(), Source, merged);
    }

    private void Enqueue(UsageReport report)
    {
        _unsent.Enqueue(report);
        while (_unsent.Count > MaxKept)
        {
            UsageReport dropped = _unsent.Dequeue();
            ClientLog.UsageDropped(logger, dropped.Counts.Sum(c => c.Count));
        }
    }

    private async Task<bool> SendAsync(UsageReport report, CancellationToken cancellationToken)
    {
        try
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cts.CancelAfter(requestTimeout);
            using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(report, ClientJsonContext.Default.UsageReport));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using HttpResponseMessage response = await http.PostAsync(ServerEndpoints.Usage, content, cts.Token);
            int status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return true;
            }

            if (status is 401 or 403 or 404 or 408 or 429 or >= 500)
            {
                ClientLog.UsageNotSent(logger, $"HTTP {status}");
                return false;
            }

            // Refused as invalid: sending it again would be refused again.
            ClientLog.UsageRefused(logger, status, await response.Content.ReadAsStringAsync(cts.Token));
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            ClientLog.UsageNotSent(logger, SyncFailure.Describe(e));
            return false;
        }
    }
}
