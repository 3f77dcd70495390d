using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;

namespace FailSmart.Web;

/// <summary>
/// Pages read the person from the session cookie. The server's default scheme stays the API key, so the
/// API answers exactly as before; only requests routed to a UI page or UI endpoint look at the cookie.
/// </summary>
internal sealed class UiUserMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        Endpoint? endpoint = context.GetEndpoint();
        // The live connection of interactive pages (/_blazor) carries the person too: without it every
        // interactive page would render as "not authorized" once it connects.
        bool isUi = endpoint?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null || endpoint?.Metadata.GetMetadata<UiEndpointMetadata>() is not null ||
            context.Request.Path.StartsWithSegments("/_blazor", StringComparison.OrdinalIgnoreCase);
        if (isUi && context.User.Identity?.IsAuthenticated != true)
        {
            AuthenticateResult result = await context.AuthenticateAsync(UiPolicies.Scheme);
            if (result.Succeeded)
            {
                context.User = result.Principal;
            }
        }

        await next(context);
    }
}
