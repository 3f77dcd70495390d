using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using FailSmart.Storage.Events;

namespace FailSmart.Storage.ClickHouse;

/// <summary>
/// ClickHouse's documented HTTP interface: statements are POSTed, INSERT data follows the statement in
/// the body, and a non-2xx answer carries the server's error text.
/// </summary>
/// <param name="client">The client to send with.</param>
/// <param name="options">The database, user and password.</param>
/// <param name="endpoint">The server to talk to: the configured URL, or one shard of a cluster.</param>
/// <param name="insertSettings">Settings for every INSERT, as URL parameters starting with '&amp;' (or empty).</param>
internal sealed partial class ClickHouseHttp(HttpClient client, ClickHouseConnectionOptions options, Uri endpoint, string insertSettings = "")
{
    private readonly Uri _endpoint = endpoint;

    /// <summary>The server this talks to.</summary>
    public Uri Endpoint => _endpoint;

    /// <summary>Runs a statement that returns nothing, optionally outside the configured database.</summary>
    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken, bool inDatabase = true) =>
        await SendAsync(sql, inDatabase, cancellationToken);

    /// <summary>
    /// Runs a CREATE … IF NOT EXISTS that another replica may be running at the same moment. ClickHouse has
    /// no locks to take and no transactional DDL; two such statements racing may still have one answered
    /// "already exists" (codes 57 for a table, 82 for a database), which means the work is done.
    /// </summary>
    public async Task ExecuteIdempotentAsync(string sql, CancellationToken cancellationToken, bool inDatabase = true)
    {
        try
        {
            await SendAsync(sql, inDatabase, cancellationToken);
        }
        catch (StorageException ex) when (AlreadyExists().IsMatch(ex.Message))
        {
            // Created by the other runner.
        }
    }

    /// <summary>Runs a query and reads its TabSeparated result.</summary>
    public async Task<string> QueryAsync(string sql, CancellationToken cancellationToken) =>
        await SendAsync(sql + "\nFORMAT TabSeparated", true, cancellationToken);

    /// <summary>Inserts rows given as JSONEachRow lines; returns when ClickHouse has written them.</summary>
    public async Task InsertAsync(string table, string columns, byte[] jsonEachRow, CancellationToken cancellationToken)
    {
        string query = Uri.EscapeDataString($"INSERT INTO {table} ({columns}) FORMAT JSONEachRow");
        using var content = new ByteArrayContent(jsonEachRow);
        await PostAsync($"?database={Uri.EscapeDataString(options.Database)}{insertSettings}&query={query}", content, cancellationToken);
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

    // "Code: 57, e.displayText() = …" (18.x) or "Code: 57. DB::Exception: …" (newer releases).
    [GeneratedRegex(@"Code: (57|82)[.,]")]
    private static partial Regex AlreadyExists();
}
