using System.Security.Claims;
using FailSmart.Application.Accounts;
using FailSmart.Web.Experiments;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace FailSmart.Web;

/// <summary>Maps the web UI: the pages, and the sign-out endpoint that the layout's forms post to.</summary>
public static class WebUiEndpointRouteBuilderExtensions
{
    /// <summary>Runs before authorization so that UI pages see the signed-in person.</summary>
    public static IApplicationBuilder UseFailSmartWebUser(this IApplicationBuilder app) => app.UseMiddleware<UiUserMiddleware>();

    public static IEndpointRouteBuilder MapFailSmartWebUi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapRazorComponents<App>().AddInteractiveServerRenderMode().ExcludeFromDescription();

        // A form post with an antiforgery token: minimal APIs validate it because the handler binds the form.
        endpoints.MapPost(UiPolicies.SignOutPath, async (HttpContext context, IAccountService accounts, [FromForm] string? scope) =>
        {
            string? id = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
            if (id is not null && scope == "everywhere")
            {
                await accounts.SignOutEverywhereAsync(id, context.RequestAborted);
            }

            await context.SignOutAsync(UiPolicies.Scheme);
            return TypedResults.LocalRedirect(UiPolicies.SignInPath + (scope == "everywhere" ? "?signedOut=everywhere" : "?signedOut=here"));
        }).WithMetadata(new UiEndpointMetadata()).ExcludeFromDescription();
        endpoints.MapResultsCsv();
        return endpoints;
    }
}
