using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using FailSmart.Cli.Scanning;
using FailSmart.Protocol.Configuration;

namespace FailSmart.Cli.Commands;

/// <summary>
/// Where `failsmart scan` learns which flags exist: a running server (every flag, archived ones included, page by
/// page), or a file: a configuration document (its flags, none archived) or a saved answer of
/// <c>GET /api/v1/flags?includeArchived=true</c> (which keeps archived flags for a scan that runs offline).
/// </summary>
internal static class ScanFlagSource
{
    private const int PageSize = 200;

    public static async Task<(KnownFlags? Flags, int? ExitCode)> FromServerAsync(
        string server, string? key, InvocationConfiguration io, CancellationToken cancellationToken, int pageSize = PageSize)
    {
        using AdminApiClient? client = AdminApiClient.Create(server, key, io.Error);
        if (client is null)
        {
            return (null, ExitCodes.Usage);
        }

        var flags = new Dictionary<string, bool>(StringComparer.Ordinal);
        for (int offset = 0; ; offset += pageSize)
        {
            (JsonDocument? answer, int? exit) = await client.SendAsync(
                HttpMethod.Get, string.Create(CultureInfo.InvariantCulture, $"/api/v1/flags?includeArchived=true&offset={offset}&limit={pageSize}"), null, io, cancellationToken);
            if (exit is not null)
            {
                return (null, exit);
            }

            using (answer)
            {
                if (Read(answer!.RootElement, flags) is not { } page)
                {
                    await io.Error.WriteLineAsync($"{client.BaseAddress} answered the flag list in a shape this failsmart does not know; use a failsmart of the server's version.");
                    return (null, ExitCodes.InvalidInput);
                }

                if (page.Items == 0 || offset + page.Items >= page.Total)
                {
                    break;
                }
            }
        }

        return (new KnownFlags("server", client.BaseAddress.ToString(), flags), null);
    }

    public static (KnownFlags? Flags, int? ExitCode) FromFile(FileInfo file, TextWriter error)
    {
        using JsonDocument? list = SavedList(file);
        if (list is not null)
        {
            var flags = new Dictionary<string, bool>(StringComparer.Ordinal);
            if (Read(list.RootElement, flags) is not { } page)
            {
                error.WriteLine($"--config '{file.Name}' has an items list that is not the flag list of GET /api/v1/flags: each item needs a key and archived.");
                return (null, ExitCodes.InvalidInput);
            }

            if (page.Items < page.Total)
            {
                error.WriteLine($"--config '{file.Name}' holds {page.Items} of the server's {page.Total} flags; save every page (offset and limit), or scan with --server.");
                return (null, ExitCodes.InvalidInput);
            }

            return (new KnownFlags("flag-list", file.Name, flags), null);
        }

        if (ConfigFile.Load(file, error, out ConfigLoadResult? loaded) is { } exitCode)
        {
            return (null, exitCode);
        }

        var known = loaded!.Configuration!.Flags.ToDictionary(f => f.Key, _ => false, StringComparer.Ordinal);
        return (new KnownFlags("config", file.Name, known), null);
    }

    /// <summary>The file's JSON when it is a saved flag list (an object with items); null for anything else, which the configuration reader judges.</summary>
    private static JsonDocument? SavedList(FileInfo file)
    {
        try
        {
            JsonDocument document = JsonDocument.Parse(File.ReadAllText(file.FullName), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("items", out _))
            {
                return document;
            }

            document.Dispose();
            return null;
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Adds one page's flags; null when the answer is not a flag list.</summary>
    private static (int Items, int Total)? Read(JsonElement page, Dictionary<string, bool> flags)
    {
        if (page.ValueKind != JsonValueKind.Object || !page.TryGetProperty("items", out JsonElement items) || items.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (JsonElement item in items.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object
                || !item.TryGetProperty("key", out JsonElement key) || key.ValueKind != JsonValueKind.String
                || !item.TryGetProperty("archived", out JsonElement archived) || archived.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return null;
            }

            flags[key.GetString()!] = archived.GetBoolean();
        }

        int total = page.TryGetProperty("total", out JsonElement t) && t.TryGetInt32(out int n) ? n : items.GetArrayLength();
        return (items.GetArrayLength(), total);
    }
}
