using System.Text.Json;

namespace FailSmart.Cli.Commands;

/// <summary>One answer of the admin API as it came: status (0 when the server could not be reached), body text and ETag.</summary>
internal sealed record ApiExchange(int Status, string Body, string? ETag)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>The body as JSON, or null when it is empty or not JSON.</summary>
    public JsonDocument? Json()
    {
        try
        {
            return Body.Length == 0 ? null : JsonDocument.Parse(Body);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
