using Microsoft.AspNetCore.Authentication;

namespace FailSmart.Server.Auth;

/// <summary>API-key authentication and the three policies.</summary>
internal static class AuthServiceCollectionExtensions
{
    public static IServiceCollection AddFailSmartAuth(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName);
        services.AddAuthentication(FailSmartPolicies.Scheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(FailSmartPolicies.Scheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(FailSmartPolicies.Admin, p => p.RequireClaim(FailSmartClaims.KeyKind, "Admin"))
            .AddPolicy(FailSmartPolicies.ServerSdk, p => p.RequireClaim(FailSmartClaims.KeyKind, "Server"))
            .AddPolicy(FailSmartPolicies.Evaluate, p => p.RequireClaim(FailSmartClaims.KeyKind, "Server", "Client"));
        services.AddSingleton<ApiKeyUsage>();
        services.AddSingleton<ApiKeyCache>();
        services.AddSingleton<IApiKeyRevocationListener, ApiKeyCacheRevocation>();
        services.AddSingleton<ApiKeyConnectionWatch>();
        services.AddHostedService(sp => sp.GetRequiredService<ApiKeyConnectionWatch>());
        services.AddHostedService<AdminKeyBootstrapper>();
        return services;
    }
}
