using System.CommandLine;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace FailSmart.Cli.Commands;

/// <summary>
/// The one way the commands call a running server's `/api/v1`: an http(s) address, an admin key (the option
/// or FAILSMART_ADMIN_KEY), and a refusal printed as the server's ProblemDetails (title, detail, each error
/// with its path and hint) so the user reads what to fix, not a status code.
/// </summary>
internal sealed class AdminApiClient : IDisposable
{
    public const string KeyVariable = "FAILSMART_ADMIN_KEY";

    private readonly HttpClient _http;

    private AdminApiClient(Uri baseAddress, string key)
    {
        BaseAddress = baseAddress;
        _http = new HttpClient { BaseAddress = baseAddress };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
    }

    public Uri BaseAddress { get; }

    /// <summary>A client, or null with the usage error written: the address is not http(s), or no key was given.</summary>
    public static AdminApiClient? Create(string server, string? key, TextWriter error)
    {
        key ??= Environment.GetEnvironmentVariable(KeyVariable);
        if (string.IsNullOrWhiteSpace(key))
        {
            error.WriteLine($"An admin key is needed: pass --key fs_admin_… or set {KeyVariable}.");
            return null;
        }

        if (!Uri.TryCreate(server, UriKind.Absolute, out Uri? baseAddress) || baseAddress.Scheme is not ("http" or "https"))
        {
            error.WriteLine($"--server '{server}' is not an http or https address, such as http://localhost:5080.");
            return null;
        }

        return new AdminApiClient(baseAddress, key);
    }

    /// <summary>
    /// Sends one request. On success the answer's JSON (null for an empty body); otherwise null with the exit
    /// code: 1 for a refusal (its ProblemDetails written), an unreachable server or an answer that is not JSON.
    /// </summary>
    public async Task<(JsonDocument? Answer, int? ExitCode)> SendAsync(
        HttpMethod method, string path, string? body, InvocationConfiguration io, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? headers = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, contentType);
        }

        foreach ((string name, string value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.Add(name, value);
        }

        try
        {
            using HttpResponseMessage response = await _http.SendAsync(request, cancellationToken);
            string text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                await ReportProblemAsync((int)response.StatusCode, text, io.Error);
                return (null, ExitCodes.InvalidInput);
            }

            return (JsonDocument.Parse(text.Length == 0 ? "null" : text), null);
        }
        catch (HttpRequestException ex)
        {
            await io.Error.WriteLineAsync($"Could not reach {BaseAddress}: {ex.Message}");
            return (null, ExitCodes.InvalidInput);
        }
        catch (JsonException)
        {
            await io.Error.WriteLineAsync($"{BaseAddress} did not answer with JSON; is it a FailSmart server?");
            return (null, ExitCodes.InvalidInput);
        }
    }

    /// <summary>
    /// Sends one request and hands back the status, the answer and its ETag without judging or printing them,
    /// for commands that act on particular statuses (a 412 to re-plan, a 202 that opened a change request).
    /// Status 0 means the server could not be reached; the message says why.
    /// </summary>
    public async Task<ApiExchange> ExchangeAsync(
        HttpMethod method, string path, string? body, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        foreach ((string name, string value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        try
        {
            using HttpResponseMessage response = await _http.SendAsync(request, cancellationToken);
            string text = await response.Content.ReadAsStringAsync(cancellationToken);
            return new ApiExchange((int)response.StatusCode, text, response.Headers.ETag?.Tag);
        }
        catch (HttpRequestException ex)
        {
            return new ApiExchange(0, $"Could not reach {BaseAddress}: {ex.Message}", null);
        }
    }

    /// <summary>Writes a refusal as <see cref="SendAsync"/> does: the ProblemDetails' title, detail and each error with its path and hint.</summary>
    public static Task WriteProblemAsync(ApiExchange exchange, TextWriter error) =>
        exchange.Status == 0 ? error.WriteLineAsync(exchange.Body) : ReportProblemAsync(exchange.Status, exchange.Body, error);

    public void Dispose() => _http.Dispose();

    private static async Task ReportProblemAsync(int status, string body, TextWriter error)
    {
        try
        {
            using JsonDocument problem = JsonDocument.Parse(body);
            JsonElement root = problem.RootElement;
            await error.WriteLineAsync($"{status} {Text(root, "title")}");
            await error.WriteLineAsync(Text(root, "detail"));
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("errors", out JsonElement errors) && errors.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement e in errors.EnumerateArray())
                {
                    await error.WriteLineAsync($"  {Text(e, "path")}: {Text(e, "message")} {Text(e, "hint")}".TrimEnd());
                }
            }
        }
        catch (JsonException)
        {
            await error.WriteLineAsync($"{status}: {body}");
        }
    }

    private static string Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null ? value.ToString() : "";
}
