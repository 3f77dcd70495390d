using System.Security.Claims;
using FailSmart.Application.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace FailSmart.Web;

/// <summary>Registers the web UI: Blazor components, MudBlazor, the session cookie and the role policies.</summary>
public static class WebUiServiceCollectionExtensions
{
    public static IServiceCollection AddFailSmartWebUi(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddMudServices();
        services.AddScoped<Shared.UiCaller>();
        services.AddAuthentication().AddCookie(UiPolicies.Scheme, options =>
        {
            options.Cookie.Name = UiPolicies.CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            // Secure whenever the request came over HTTPS (directly or via forwarded headers).
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.LoginPath = UiPolicies.SignInPath;
            options.AccessDeniedPath = "/";
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.Events.OnValidatePrincipal = ValidateSecurityStampAsync;
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(UiPolicies.Viewer, p => p.AddAuthenticationSchemes(UiPolicies.Scheme).RequireRole("viewer", "editor", "admin"))
            .AddPolicy(UiPolicies.Editor, p => p.AddAuthenticationSchemes(UiPolicies.Scheme).RequireRole("editor", "admin"))
            .AddPolicy(UiPolicies.Admin, p => p.AddAuthenticationSchemes(UiPolicies.Scheme).RequireRole("admin"));
        return services;
    }

    // A session whose stamp no longer matches the account's ("sign out everywhere") is rejected on its next request.
    private static async Task ValidateSecurityStampAsync(CookieValidatePrincipalContext context)
    {
        string? id = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        string? stamp = context.Principal?.FindFirstValue(UiPolicies.SecurityStampClaim);
        IAccountService accounts = context.HttpContext.RequestServices.GetRequiredService<IAccountService>();
        if (id is null || stamp is null || await accounts.ValidateSessionAsync(id, stamp, context.HttpContext.RequestAborted) is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(UiPolicies.Scheme);
        }
    }
}
