using System.Net;
using System.Text.Json;
using FailSmart.Testing;

namespace FailSmart.Server.Tests;

/// <summary>Loads docs/examples/checkout.json into a server through the admin API, resource by resource.</summary>
internal static class ExampleConfiguration
{
    public static async Task LoadAsync(HttpClient admin)
    {
        using JsonDocument example = JsonDocument.Parse(await File.ReadAllTextAsync(
            Path.Combine(RepositoryRoot.Find(), "docs", "examples", "checkout.json"), ApiTestExtensions.Ct));
        // Dependencies first: segments, layers and holdouts before the experiments and flags that use them.
        foreach (string array in new[] { "segments", "layers", "holdouts", "experiments", "flags" })
        {
            foreach (JsonElement resource in example.RootElement.GetProperty(array).EnumerateArray())
            {
                using HttpResponseMessage response = await admin.SendJsonAsync(HttpMethod.Post, $"/api/v1/{array}", resource.GetRawText());
                response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
            }
        }
    }
}
