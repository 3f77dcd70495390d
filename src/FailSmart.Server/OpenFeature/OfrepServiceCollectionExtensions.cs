using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace FailSmart.Server.OpenFeature;

/// <summary>OFREP's settings, event stream tokens and the CORS policy that lets pages on other origins call it.</summary>
internal static class OfrepServiceCollectionExtensions
{
    public static IServiceCollection AddOfrep(this IServiceCollection services)
    {
        services.AddOptions<OfrepOptions>().BindConfiguration(OfrepOptions.SectionName)
            .Validate(o => o.ParseAllowedOrigins() is not null,
                "OpenFeature:AllowedOrigins must be '*', 'none', or a comma-separated list of origins (scheme, host and port only), for example 'https://shop.example.com, http://localhost:3000'.")
            .Validate(o => o.EventStreamTokenMinutes is >= 1 and <= 1440,
                "OpenFeature:EventStreamTokenMinutes must be between 1 and 1440.")
            .ValidateOnStart();
        services.AddSingleton<OfrepEventTokens>();
        services.AddSingleton<OfrepRefetchEvents>();
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<OfrepOptions>>((cors, ofrep) => cors.AddPolicy(OfrepApi.CorsPolicy, policy =>
        {
            IReadOnlyList<string> origins = ofrep.Value.ParseAllowedOrigins() ?? [];
            if (origins is ["*"])
            {
                policy.AllowAnyOrigin();
            }
            else
            {
                policy.WithOrigins([.. origins]);
            }

            // Exactly what OFREP providers send and read; no credentials, since keys are never cookies.
            policy.WithMethods("GET", "POST")
                .WithHeaders("Authorization", "Content-Type", "If-None-Match", "X-API-Key")
                .WithExposedHeaders("ETag", "Retry-After")
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10));
        }));
        return services;
    }
}
