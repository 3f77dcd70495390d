using System.Net.Http.Headers;
using System.Text;
using FailSmart.Storage.Events;

namespace FailSmart.Storage.ClickHouse;

/// <summary>
/// ClickHouse's documented HTTP interface: statements are POSTed, INSERT data follows the statement in
/// the body, and a non-2xx answer carries the server's error text.
/// </summary>
internal sealed class ClickHouseHttp(HttpClient client, ClickHouseConnectionOptions options)
{
    private readonly Uri _endpoint = options.Url ?? throw new ArgumentException("Storage:Events:ClickHouse:Url is required when the provider is clickhouse.", nameof(options));

    /// <summary>Runs a statement that returns nothing, optionally outside the configured database.</summary>
    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken, bool inDatabase = true) =>
        await SendAsync(sql, inDatabase, cancellationToken);

    /// <summary>Runs a query and reads its TabSeparated result.</summary>
    public async Task<string> QueryAsync(string sql, CancellationToken cancellationToken) =>
        await SendAsync(sql + "\nFORMAT TabSeparated", true, cancellationToken);

    /// <summary>Inserts rows given as JSONEachRow lines; returns when ClickHouse has written them.</summary>
    public async Task InsertAsync(string table, string columns, byte[] jsonEachRow, CancellationToken cancellationToken)
    {
        string query = Uri.EscapeDataString($"INSERT INTO {table} ({columns}) FORMAT JSONEachRow");
        using var content = new ByteArrayContent(jsonEachRow);
        await PostAsync($"?database={Uri.EscapeDataString(options.Database)}&query={query}", content, cancellationToken);
    }

    private async Task<string> SendAsync(string sql, bool inDatabase, CancellationToken cancellationToken)
    {
        using var content = new StringContent(sql, Encoding.UTF8, "text/plain");
        return await PostAsync(inDatabase ? $"?database={Uri.EscapeDataString(options.Database)}" : "", content, cancellationToken);
    }

    private async Task<string> PostAsync(string query, HttpContent content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_endpoint, "/" + query)) { Content = content };
        if (options.User is { } user)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{options.Password}")));
        }

        try
        {
            using HttpResponseMessage response = await client.SendAsync(request, cancellationToken);
            string body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                // 5xx other than 500 (which ClickHouse uses for any statement error) means the server is struggling.
                bool transient = (int)response.StatusCode is 502 or 503 or 504;
                throw new StorageException(
                    transient ? StorageErrorCode.Unavailable : StorageErrorCode.QueryFailed,
                    $"ClickHouse at {_endpoint} refused a statement ({(int)response.StatusCode}): {body.Trim()}");
            }

            return body;
        }
        catch (HttpRequestException ex)
        {
            throw new StorageException(StorageErrorCode.Unavailable, $"ClickHouse at {_endpoint} did not answer: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new StorageException(StorageErrorCode.Unavailable, $"ClickHouse at {_endpoint} did not answer within {client.Timeout}.", ex);
        }
    }
}
