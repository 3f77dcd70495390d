using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FailSmart.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace FailSmart.Server.Tests.HostileInput;

/// <summary>
/// One attack on a running test server: reads its OpenAPI document, creates one resource of each kind
/// from the document's own examples (so paths name things that exist), then sends each operation's
/// corpus and records what failed and what was covered.
/// </summary>
internal sealed class HostileRun
{
    private static readonly string[] s_fixtureOrder = ["layers", "segments", "experiments", "flags", "holdouts", "metrics"];

    private readonly HttpClient _client;
    private readonly IConfigStore _store;
    private readonly HostileCorpus _corpus;
    private readonly string _serverKey;

    private HostileRun(HttpClient client, IConfigStore store, JsonNode document, string serverKey, Dictionary<string, string> fixtureKeys)
    {
        _client = client;
        _store = store;
        _serverKey = serverKey;
        Document = document;
        Operations = ApiOperation.ReadAll(document);
        _corpus = new HostileCorpus(new SchemaWalker(document));
        FixtureKeys = fixtureKeys;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public JsonNode Document { get; }

    public IReadOnlyList<ApiOperation> Operations { get; }

    /// <summary>The key of the resource created from each collection's example ("flags" → "new-checkout").</summary>
    public IReadOnlyDictionary<string, string> FixtureKeys { get; }

    public Dictionary<(string Operation, DefectClass Defect), int> Coverage { get; } = [];

    public List<string> Failures { get; } = [];

    public static async Task<HostileRun> StartAsync(FailSmartFactory factory)
    {
        HttpClient client = factory.CreateClient();
        JsonNode document = JsonNode.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), Ct))!;
        IReadOnlyList<ApiOperation> operations = ApiOperation.ReadAll(document);
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string collection in s_fixtureOrder)
        {
            ApiOperation create = operations.Single(o => o.Method == HttpMethod.Post && o.PathTemplate == "/api/v1/" + collection);
            using HttpResponseMessage created = await SendAsync(client, FailSmartFactory.AdminKey, HttpMethod.Post, create.PathTemplate,
                Encoding.UTF8.GetBytes(create.BodyExample!.ToJsonString()), "application/json", null);
            ((int)created.StatusCode).ShouldBeOneOf([201, 409], $"The {collection} example must be accepted: {await created.Content.ReadAsStringAsync(Ct)}");
            keys[collection] = create.BodyExample!["key"]!.GetValue<string>();
        }

        using HttpResponseMessage key = await SendAsync(client, FailSmartFactory.AdminKey, HttpMethod.Post, "/api/v1/api-keys",
            """{"name": "hostile server key", "kind": "server", "environment": "production"}"""u8.ToArray(), "application/json", null);
        string serverKey = JsonNode.Parse(await key.Content.ReadAsStringAsync(Ct))!["secret"]!.GetValue<string>();
        return new HostileRun(client, factory.Services.GetRequiredService<IConfigStore>(), document, serverKey, keys);
    }

    public async Task AttackAsync(ApiOperation operation)
    {
        string key = operation.PathTemplate.StartsWith("/api/", StringComparison.Ordinal) ? FailSmartFactory.AdminKey : _serverKey;
        foreach (HostileRequest request in _corpus.For(operation, name => PathValue(operation, name), TakesIfMatch(operation)))
        {
            Coverage[(request.OperationId, request.Defect)] = Coverage.GetValueOrDefault((request.OperationId, request.Defect)) + 1;
            bool write = request.Method != HttpMethod.Get;
            string? before = write ? await ConfigurationFingerprint.TakeAsync(_store, Ct) : null;
            using HttpResponseMessage response = await SendAsync(_client, key, request.Method, request.Url, request.Body, request.ContentType, request.Headers);
            int status = (int)response.StatusCode;
            // An accepted event stream (the SDK stream) stays open by design: its status is the answer, and disposing
            // the response closes it. Every refusal is read whole and judged.
            string text = status < 400 && response.Content.Headers.ContentType?.MediaType == "text/event-stream"
                ? string.Empty
                : await response.Content.ReadAsStringAsync(Ct);
            foreach (string problem in Judge(operation, request, status, response.Content.Headers.ContentType?.MediaType, text))
            {
                string owner = operation.IsEvents && request.Defect is DefectClass.LoneSurrogate or DefectClass.LoneSurrogateName or DefectClass.InvalidUtf8 or DefectClass.BrokenNdjson
                    ? " (event reading: EventBatchReader)"
                    : "";
                Failures.Add($"{request}: {problem}{owner} [{status} {Short(text)}]");
            }

            if (write && status >= 400 && before != await ConfigurationFingerprint.TakeAsync(_store, Ct))
            {
                Failures.Add($"{request}: refused with {status} but the configuration changed");
            }
        }
    }

    /// <summary>Prints the endpoint × defect class table: how many requests of each class each operation got.</summary>
    public void Report()
    {
        DefectClass[] columns = [.. Enum.GetValues<DefectClass>().Where(d => Coverage.Keys.Any(k => k.Defect == d))];
        var table = new StringBuilder();
        table.Append("| operation | ").AppendJoin(" | ", columns).Append(" |\n|---|").Append(string.Concat(columns.Select(_ => "---|"))).Append('\n');
        foreach (string operation in Coverage.Keys.Select(k => k.Operation).Distinct().Order(StringComparer.Ordinal))
        {
            table.Append("| ").Append(operation).Append(" | ")
                .AppendJoin(" | ", columns.Select(d => Coverage.TryGetValue((operation, d), out int n) ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : "·"))
                .Append(" |\n");
        }

        table.Append($"\n{Coverage.Values.Sum()} requests, {Failures.Count} failures.\n");
        TestContext.Current.TestOutputHelper?.WriteLine(table.ToString());
        if (Environment.GetEnvironmentVariable("FAILSMART_HOSTILE_TABLE") is { Length: > 0 } file)
        {
            File.AppendAllText(file, table.ToString());
        }
    }

    private static IEnumerable<string> Judge(ApiOperation operation, HostileRequest request, int status, string? mediaType, string text)
    {
        if (status >= 500)
        {
            yield return "answered 5xx";
            yield break;
        }

        if (status < 400)
        {
            if (request.MustRefuse)
            {
                yield return "was accepted";
            }

            yield break;
        }

        JsonElement body = default;
        bool json = false;
        try
        {
            body = JsonDocument.Parse(text).RootElement.Clone();
            json = body.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
        }

        bool problem = json && mediaType == "application/problem+json"
            && body.TryGetProperty("status", out JsonElement s) && s.ValueKind == JsonValueKind.Number && s.GetInt32() == status
            && body.TryGetProperty("title", out JsonElement t) && t.GetString() is { Length: > 0 }
            && body.TryGetProperty("detail", out JsonElement d) && d.GetString() is { Length: > 0 };
        bool ofrep = operation.IsOfrep && json && mediaType == "application/json"
            && body.TryGetProperty("errorCode", out JsonElement code) && code.GetString() is { Length: > 0 }
            && body.TryGetProperty("errorDetails", out JsonElement details) && details.GetString() is { Length: > 0 };
        if (!problem && !ofrep)
        {
            yield return operation.IsOfrep ? "the refusal is neither ProblemDetails nor OFREP's {errorCode, errorDetails}" : "the refusal is not ProblemDetails with status, title and detail";
        }

        // Survival-only cases may be refused for a consequence (a huge variation key leaves "no variation 'off'").
        if (request.MustRefuse && request.Field is { } field && status is 400 or 422 && !text.Contains(field, StringComparison.Ordinal))
        {
            yield return $"the refusal does not name '{field}'";
        }
    }

    private string PathValue(ApiOperation operation, string parameter)
    {
        string[] segments = operation.PathTemplate.Split('/');
        return parameter switch
        {
            "environment" => "production",
            "key" when operation.IsOfrep => FixtureKeys["flags"],
            "key" when segments.Length > 3 && FixtureKeys.TryGetValue(segments[3], out string? key) => key,
            _ => "no-such-" + parameter,
        };
    }

    private static bool TakesIfMatch(ApiOperation operation) =>
        operation.PathTemplate.StartsWith("/api/v1/", StringComparison.Ordinal) && !operation.PathTemplate.StartsWith("/api/v1/api-keys", StringComparison.Ordinal)
        && (operation.Method == HttpMethod.Put || operation.Method == HttpMethod.Delete || operation.PathTemplate.EndsWith("/unarchive", StringComparison.Ordinal) || operation.PathTemplate.EndsWith("/toggle", StringComparison.Ordinal));

    private static async Task<HttpResponseMessage> SendAsync(
        HttpClient client, string key, HttpMethod method, string url, byte[]? body, string? contentType, IReadOnlyList<KeyValuePair<string, string>>? headers)
    {
        using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType ?? "application/json");
        }

        foreach ((string name, string value) in headers ?? [])
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
    }

    private static string Short(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
