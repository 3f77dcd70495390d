using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FailSmart.Cli.ConfigAsCode;

/// <summary>
/// Writes a server's resources as one configuration-as-code file that reads well in a diff: sections in a fixed
/// order, resources by key, each document as the server keeps it (the properties in the order they were
/// written), tags after the key, "archived": true last, two-space indents and "\n" line ends. The same server
/// therefore exports the same bytes every time, and applying the export changes nothing.
/// </summary>
internal static class ConfigExport
{
    private static readonly JsonSerializerOptions s_format = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // a file people read: "@" and accents as they are
    };

    public static string Write(IReadOnlyList<ServerResource> resources)
    {
        var root = new JsonObject { ["version"] = Protocol.Configuration.ConfigDocument.FormatVersion };
        foreach (string section in ConfigSections.All)
        {
            ServerResource[] items = [.. resources.Where(r => r.Ref.Section == section).OrderBy(r => r.Ref.Key, StringComparer.Ordinal)];
            if (items.Length > 0)
            {
                root[section] = new JsonArray([.. items.Select(Resource)]);
            }
        }

        return root.ToJsonString(s_format) + "\n";
    }

    private static JsonObject Resource(ServerResource resource)
    {
        var written = new JsonObject();
        foreach ((string name, JsonNode? value) in resource.Document)
        {
            written[name] = value?.DeepClone();
            if (name == "key" && resource.Tags.Count > 0)
            {
                written["tags"] = new JsonArray([.. resource.Tags.Select(t => JsonValue.Create(t))]);
            }
        }

        if (resource.Archived)
        {
            written["archived"] = true;
        }

        return written;
    }
}
