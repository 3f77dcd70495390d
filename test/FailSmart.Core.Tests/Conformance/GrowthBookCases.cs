using System.Text.Json;
using FailSmart.Testing;

namespace FailSmart.Core.Tests.Conformance;

/// <summary>
/// GrowthBook's cross-SDK suite (growthbook/growthbook packages/sdk-js/test/cases.json, MIT),
/// read in place from the shared reference folder.
/// </summary>
internal static class GrowthBookCases
{
    public static JsonElement[] Section(string name)
    {
        string path = SharedReferenceData.Require("conformance/growthbook-cases.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return [.. document.RootElement.GetProperty(name).EnumerateArray().Select(e => e.Clone())];
    }
}
