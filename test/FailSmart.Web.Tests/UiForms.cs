using System.Text.RegularExpressions;

namespace FailSmart.Web.Tests;

/// <summary>Posts the UI's forms the way a browser would: with the antiforgery token and cookie from a page.</summary>
internal static partial class UiForms
{
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string page, CancellationToken cancellationToken)
    {
        string html = await client.GetStringAsync(new Uri(page, UriKind.Relative), cancellationToken);
        return TokenPattern().Match(html) is { Success: true } match
            ? System.Net.WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException($"{page} has no antiforgery token.");
    }

    public static Task<HttpResponseMessage> PostFirstRunAsync(HttpClient client, string token, string userName, string password, CancellationToken cancellationToken, string displayName = "Someone") =>
        client.PostAsync(new Uri("/", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "first-run",
            ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = userName,
            ["Input.DisplayName"] = displayName,
            ["Input.Password"] = password,
        }), cancellationToken);

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
