using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace FailSmart.Server.Tests;

/// <summary>A webhook receiver on a loopback Kestrel port: records what it is sent and answers with the statuses it is told to.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _answers = new();

    private WebhookReceiver(WebApplication app)
    {
        _app = app;
    }

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    public string Url => _app.Urls.First() + "/hook";

    public static async Task<WebhookReceiver> StartAsync(params int[] answers)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        WebApplication app = builder.Build();
        var receiver = new WebhookReceiver(app);
        foreach (int answer in answers)
        {
            receiver._answers.Enqueue(answer);
        }

        app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            string body = await reader.ReadToEndAsync();
            receiver.Received.Enqueue(new ReceivedWebhook(
                request.Headers["FailSmart-Signature"].ToString(), request.Headers["FailSmart-Delivery"].ToString(), request.Headers["FailSmart-Event"].ToString(), body));
            return Microsoft.AspNetCore.Http.Results.StatusCode(receiver._answers.TryDequeue(out int status) ? status : 200);
        });
        await app.StartAsync(ApiTestExtensions.Ct);
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}

/// <summary>One POST a receiver got.</summary>
internal sealed record ReceivedWebhook(string Signature, string DeliveryId, string Event, string Body);
