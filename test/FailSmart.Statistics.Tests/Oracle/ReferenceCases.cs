using System.Text.Json;
using FailSmart.Testing;

namespace FailSmart.Statistics.Tests.Oracle;

/// <summary>
/// The shared statistics reference cases (oracle/stats-oracle.json, schema abstats-oracle/v1). Every
/// expected value there was computed from the formula and again with SciPy 1.10.1, statsmodels 0.13.5,
/// NumPy on raw data, or R rpact for group-sequential bounds. The file is read in place, never copied.
/// </summary>
internal static class ReferenceCases
{
    public const string RelativePath = "oracle/stats-oracle.json";

    private static readonly Lazy<JsonDocument?> s_document = new(Load);

    public static JsonDocument? Document => s_document.Value;

    /// <summary>Requires the file (skipping the test when absent) and returns the case with this id.</summary>
    public static JsonElement Case(string id)
    {
        SharedReferenceData.Require(RelativePath);
        foreach (JsonElement c in Document!.RootElement.GetProperty("cases").EnumerateArray())
        {
            if (c.GetProperty("id").GetString() == id)
            {
                return c;
            }
        }

        throw new InvalidOperationException($"Case '{id}' is not in {RelativePath}.");
    }

    public static JsonElement Root()
    {
        SharedReferenceData.Require(RelativePath);
        return Document!.RootElement;
    }

    /// <summary>Case ids for a theory; one placeholder row when the file is absent so the theory skips visibly.</summary>
    public static TheoryData<string> Ids(Func<string, bool>? kindFilter = null)
    {
        var data = new TheoryData<string>();
        if (Document is null)
        {
            data.Add(MissingPlaceholder);
            return data;
        }

        foreach (JsonElement c in Document.RootElement.GetProperty("cases").EnumerateArray())
        {
            if (kindFilter is null || kindFilter(c.GetProperty("kind").GetString()!))
            {
                data.Add(c.GetProperty("id").GetString()!);
            }
        }

        return data;
    }

    public const string MissingPlaceholder = "(reference file absent)";

    private static JsonDocument? Load()
    {
        string? path = SharedReferenceData.TryFind(RelativePath);
        if (path is null)
        {
            return null;
        }

        var options = new JsonDocumentOptions { AllowTrailingCommas = false };
        return JsonDocument.Parse(File.ReadAllBytes(path), options);
    }
}
