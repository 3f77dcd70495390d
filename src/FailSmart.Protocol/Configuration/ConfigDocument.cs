using System.Text;
using System.Text.Json;
using FailSmart.Core.Validation;
using FailSmart.Protocol.Configuration.Dto;

namespace FailSmart.Protocol.Configuration;

/// <summary>
/// FailSmart's JSON configuration document (see docs/configuration.md and docs/config-schema.json):
/// what the server stores, sends to SDKs, and <c>failsmart explain --config</c> reads.
/// </summary>
public static class ConfigDocument
{
    /// <summary>The document format version this library reads and writes.</summary>
    public const int FormatVersion = 1;

    private static readonly JsonReaderOptions s_readerOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Reads a document. Never throws for bad input: problems are returned.</summary>
    public static ConfigLoadResult Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Parse(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Reads a UTF-8 document. Never throws for bad input: problems are returned.</summary>
    public static ConfigLoadResult Parse(ReadOnlySpan<byte> utf8Json)
    {
        // Duplicate properties, text that is not Unicode and infinite numbers bind without complaint
        // (or throw later), so they are refused before binding.
        if (Json.JsonInputCheck.Find(utf8Json, s_readerOptions) is { } unreadable)
        {
            return new ConfigLoadResult(null, [unreadable]);
        }

        ConfigDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize(utf8Json, ConfigJsonContext.Default.ConfigDto);
        }
        catch (JsonException e)
        {
            string where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : string.Empty;
            return new ConfigLoadResult(null, [new ValidationProblem(e.Path ?? "$", "The document is not valid for the format" + where + ": " + FirstSentence(e.Message), "Fix the JSON at that place; see docs/configuration.md for each property's type.")]);
        }

        if (dto is null)
        {
            return new ConfigLoadResult(null, [new ValidationProblem("$", "The document is null.", "Write a JSON object: {\"version\": 1, \"flags\": []}.")]);
        }

        var mapper = new ConfigMapper();
        Core.Model.Configuration configuration = mapper.Map(dto);
        var problems = new List<ValidationProblem>(mapper.Problems);
        // One problem per place: where the document's reading already said what is wrong, the model's
        // check of the same place would only repeat it in other words.
        var read = mapper.Problems.Select(p => p.Path).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(ConfigurationValidator.Validate(configuration).Where(p => !read.Contains(p.Path)));
        bool blocked = mapper.Problems.Count > 0 || problems.Any(p => p.Blocks);
        return new ConfigLoadResult(blocked ? null : configuration, problems);
    }

    /// <summary>Writes a model as an indented document.</summary>
    public static string Serialize(Core.Model.Configuration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return JsonSerializer.Serialize(ConfigWriter.ToDto(configuration), ConfigJsonContext.Default.ConfigDto);
    }

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
