using System.Text.Json;

namespace FailSmart.Cli.Scanning;

/// <summary>
/// <c>.failsmart-scan.json</c> in the scanned folder: <c>{"patterns": [regex…], "include": [glob…], "exclude": [glob…]}</c>,
/// every property optional. Anything else in it is refused, so a misspelt property does not silently scan everything.
/// </summary>
internal static class ScanSettingsFile
{
    public const string Name = ".failsmart-scan.json";

    private static readonly JsonDocumentOptions s_options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>The file's lists (all empty when there is no file), or null with <paramref name="problem"/> saying what to fix.</summary>
    public static (IReadOnlyList<string> Patterns, IReadOnlyList<string> Include, IReadOnlyList<string> Exclude)? Read(string root, out string? problem)
    {
        problem = null;
        string path = Path.Combine(root, Name);
        if (!File.Exists(path))
        {
            return ([], [], []);
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path), s_options);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                problem = $"{Name} must be a JSON object such as {{\"patterns\": [\"flag\\\\(\\\"([a-z0-9-]+)\\\"\\\\)\"], \"exclude\": [\"**/*.generated.cs\"]}}.";
                return null;
            }

            var lists = new Dictionary<string, List<string>>(StringComparer.Ordinal) { ["patterns"] = [], ["include"] = [], ["exclude"] = [] };
            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                if (property.Name == "$schema")
                {
                    continue;
                }

                if (!lists.TryGetValue(property.Name, out List<string>? list))
                {
                    problem = $"{Name}: '{property.Name}' is not a setting; use patterns, include or exclude.";
                    return null;
                }

                if (property.Value.ValueKind != JsonValueKind.Array || property.Value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String || e.GetString()!.Length == 0))
                {
                    problem = $"{Name}: '{property.Name}' must be an array of non-empty strings, such as [\"src/**\"].";
                    return null;
                }

                list.AddRange(property.Value.EnumerateArray().Select(e => e.GetString()!));
            }

            return (lists["patterns"], lists["include"], lists["exclude"]);
        }
        catch (JsonException ex)
        {
            problem = $"{Name} is not valid JSON (line {ex.LineNumber + 1}): fix it or remove it.";
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = $"{Name} could not be read: {ex.Message}";
            return null;
        }
    }
}
