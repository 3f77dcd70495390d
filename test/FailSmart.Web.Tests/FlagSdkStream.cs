using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace FailSmart.Web.Tests;

/// <summary>An SDK's view of one environment: a server key, and the SDK stream's put events read as they arrive.</summary>
internal sealed class FlagSdkStream : IAsyncDisposable
{
    private readonly HttpClient _client;
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private FlagSdkStream(HttpClient client, HttpResponseMessage response, StreamReader reader)
    {
        _client = client;
        _response = response;
        _reader = reader;
    }

    public static async Task<FlagSdkStream> OpenAsync(UiServer server, string environment, CancellationToken cancellationToken)
    {
        using HttpClient admin = server.AdminApi();
        using HttpResponseMessage created = await admin.PostAsJsonAsync(
            "/api/v1/api-keys", new { name = "journey-sdk", kind = "server", environment }, cancellationToken);
        string body = await created.Content.ReadAsStringAsync(cancellationToken);
        created.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, body);
        string secret = JsonDocument.Parse(body).RootElement.GetProperty("secret").GetString()!;
        var client = new HttpClient { BaseAddress = server.Address, Timeout = Timeout.InfiniteTimeSpan, DefaultRequestHeaders = { { "Authorization", "Bearer " + secret } } };
        HttpResponseMessage response = await client.GetAsync(new Uri("/sdk/v1/stream", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken), Encoding.UTF8);
        return new FlagSdkStream(client, response, reader);
    }

    /// <summary>Reads put events until one's rule set satisfies <paramref name="wanted"/>; fails after <paramref name="timeout"/>.</summary>
    public async Task<JsonElement> WaitForAsync(Func<JsonElement, bool> wanted, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(timeout);
        string? type = null;
        var data = new StringBuilder();
        while (await _reader.ReadLineAsync(stop.Token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data.Append(line["data: ".Length..]);
            }
            else if (line.Length == 0)
            {
                if (type == "put" && data.Length > 0)
                {
                    JsonElement ruleSet = JsonDocument.Parse(data.ToString()).RootElement.Clone();
                    if (wanted(ruleSet))
                    {
                        return ruleSet;
                    }
                }

                type = null;
                data.Clear();
            }
        }

        throw new InvalidOperationException("The SDK stream ended before the wanted rule set arrived.");
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
