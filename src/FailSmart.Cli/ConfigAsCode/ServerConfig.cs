using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FailSmart.Cli.Commands;

namespace FailSmart.Cli.ConfigAsCode;

/// <summary>Reads every resource of a server, archived ones too, page by page, each with its version (its ETag).</summary>
internal static class ServerConfig
{
    private const int PageSize = 200;

    /// <summary>The resources ordered by section and key, or the answer that refused.</summary>
    public static async Task<(IReadOnlyList<ServerResource>? Resources, ApiExchange? Failure)> ReadAsync(
        AdminApiClient client, bool includeArchived, CancellationToken cancellationToken)
    {
        var resources = new List<ServerResource>();
        foreach (string section in ConfigSections.All)
        {
            for (int offset = 0; ; offset += PageSize)
            {
                string path = string.Create(CultureInfo.InvariantCulture, $"/api/v1/{section}?includeArchived={(includeArchived ? "true" : "false")}&offset={offset}&limit={PageSize}");
                ApiExchange answer = await client.ExchangeAsync(HttpMethod.Get, path, null, cancellationToken);
                using JsonDocument? page = answer.IsSuccess ? answer.Json() : null;
                if (page is null || !page.RootElement.TryGetProperty("items", out JsonElement items))
                {
                    return (null, answer.IsSuccess ? answer with { Status = 0, Body = $"{client.BaseAddress} did not answer GET {path} with a resource list; is it a FailSmart server?" } : answer);
                }

                resources.AddRange(items.EnumerateArray().Select(item => Read(section, item)));
                if (items.GetArrayLength() < PageSize || offset + PageSize >= page.RootElement.GetProperty("total").GetInt32())
                {
                    break;
                }
            }
        }

        return (resources, null);
    }

    /// <summary>The server's environment keys (the list answers keys only), or the answer that refused.</summary>
    public static async Task<(IReadOnlyList<string>? Environments, ApiExchange? Failure)> EnvironmentsAsync(AdminApiClient client, CancellationToken cancellationToken)
    {
        ApiExchange answer = await client.ExchangeAsync(HttpMethod.Get, "/api/v1/environments", null, cancellationToken);
        using JsonDocument? list = answer.IsSuccess ? answer.Json() : null;
        if (list is null || list.RootElement.ValueKind != JsonValueKind.Array)
        {
            return (null, answer);
        }

        return ([.. list.RootElement.EnumerateArray().Select(e => e.GetString()!)], null);
    }

    private static ServerResource Read(string section, JsonElement item) => new(
        new ResourceRef(section, item.GetProperty("key").GetString()!),
        item.GetProperty("version").GetInt64(),
        item.GetProperty("archived").GetBoolean(),
        [.. item.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!)],
        JsonNode.Parse(item.GetProperty("document").GetRawText()) as JsonObject ?? []);
}
