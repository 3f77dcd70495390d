using System.Collections.Concurrent;
using System.Net;

namespace FailSmart.Client.Tests;

/// <summary>An HTTP handler that answers event batches from a script and records every body it got.</summary>
internal sealed class ScriptedHandler(params Func<HttpResponseMessage>[] script) : HttpMessageHandler
{
    private int _calls;

    public ConcurrentQueue<string> Batches { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri!.AbsolutePath != "/events/v1/batch")
        {
            return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        }

        Batches.Enqueue(await request.Content!.ReadAsStringAsync(cancellationToken));
        int call = Interlocked.Increment(ref _calls) - 1;
        return script[Math.Min(call, script.Length - 1)]();
    }
}
