using FailSmart.Application.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FailSmart.Application.Insights;

/// <summary>Registers flag insights, their settings (section "Insights") and the archive gate that reads them.</summary>
internal static class FlagInsightsServiceCollectionExtensions
{
    public static IServiceCollection AddFlagInsights(this IServiceCollection services)
    {
        services.AddOptions<FlagInsightsOptions>().BindConfiguration(FlagInsightsOptions.SectionName)
            .Validate(o => o.StaleAfterDays is >= 1 and <= 90, "Insights:StaleAfterDays must be between 1 and 90.")
            .Validate(o => o.RetentionDays is >= 7 and <= 3650, "Insights:RetentionDays must be between 7 and 3650.")
            .Validate(o => o.ArchiveProtectionDays is >= 1 and <= 90, "Insights:ArchiveProtectionDays must be between 1 and 90.")
            .ValidateOnStart();
        services.AddSingleton<FlagArchiveGate>();
        services.AddSingleton<IFlagInsightsService, FlagInsightsService>();
        return services;
    }
}
