using FailSmart.Application.Configuration;
using FailSmart.Application.Problems;
using FailSmart.Storage;
using FailSmart.Storage.Config;
using Microsoft.Extensions.Options;

namespace FailSmart.Application.Insights;

internal sealed class FlagInsightsService(IConfigStore store, IOptions<FlagInsightsOptions> options, TimeProvider time) : IFlagInsightsService
{
    private readonly IFlagUsageStore? _usage = store as IFlagUsageStore;

    public async Task<ServiceResult<FlagInsightsReport>> ListAsync(string? environment = null, int? staleAfterDays = null, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<string> environments = await store.ListEnvironmentKeysAsync(cancellationToken);
        if (staleAfterDays is < 1 or > 90)
        {
            return ServiceProblems.Invalid("staleAfterDays", $"staleAfterDays must be between 1 and 90 (usage is kept for 90 days); it is {staleAfterDays}.", "Leave it out for the configured default.");
        }

        if (environment is not null && !environments.Contains(environment, StringComparer.Ordinal))
        {
            return ServiceProblems.Invalid("environment", $"There is no environment '{environment}'.", "Use one of: " + string.Join(", ", environments) + ".");
        }

        var (resources, _) = await store.SnapshotAsync(cancellationToken);
        StoredResource[] flags = [.. resources.Where(r => r.Kind == ResourceKind.Flag)];
        return await ReportAsync(flags, environment is null ? environments : [environment], staleAfterDays ?? options.Value.StaleAfterDays, null, cancellationToken);
    }

    public async Task<ServiceResult<FlagInsightsReport>> GetAsync(string flagKey, CancellationToken cancellationToken = default)
    {
        StoredResource? flag = await store.GetAsync(ResourceKind.Flag, flagKey, cancellationToken);
        if (flag is null)
        {
            return ServiceProblems.NotFound("flag", flagKey);
        }

        IReadOnlyList<string> environments = await store.ListEnvironmentKeysAsync(cancellationToken);
        return await ReportAsync([flag], environments, options.Value.StaleAfterDays, flagKey, cancellationToken);
    }

    private async Task<ServiceResult<FlagInsightsReport>> ReportAsync(
        IReadOnlyList<StoredResource> flags, IReadOnlyList<string> environments, int staleAfterDays, string? onlyFlag, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        DateOnly from = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-Math.Max(options.Value.RetentionDays, staleAfterDays));
        IReadOnlyList<FlagUsageDay> rows = _usage is null ? [] : await _usage.ListUsageAsync(new FlagUsageQuery(from, Flag: onlyFlag), cancellationToken);
        IReadOnlyList<FlagUsageSource> sources = _usage is null ? [] : await _usage.ListUsageSourcesAsync(cancellationToken);
        DateTimeOffset windowStart = now.AddDays(-staleAfterDays);

        EnvironmentUsage[] usage =
        [
            .. environments.Select(e =>
            {
                FlagUsageSource[] reporting = [.. sources.Where(s => s.Environment == e && s.LastReportedAt >= windowStart)];
                return new EnvironmentUsage(e, reporting.Length > 0, [.. reporting.Select(s => s.Source)],
                    sources.Where(s => s.Environment == e).Select(s => (DateTimeOffset?)s.LastReportedAt).Max());
            }),
        ];
        ILookup<(string, string), FlagUsageDay> byFlag = rows.ToLookup(r => (r.Environment, r.Flag));
        var insights = new List<FlagInsight>();
        foreach (StoredResource flag in flags.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            DateTimeOffset created = await CreatedAtAsync(flag, cancellationToken);
            foreach (EnvironmentUsage environment in usage)
            {
                insights.Add(FlagStaleness.Decide(flag.Key, environment.Environment, [.. byFlag[(environment.Environment, flag.Key)]],
                    environment.UsageKnown, created, flag.UpdatedAt, now, staleAfterDays));
            }
        }

        return new ServiceResult<FlagInsightsReport>(ServiceOutcome.Unchanged, new FlagInsightsReport(now, staleAfterDays, usage, insights));
    }

    // A flag never changed was created at its last write; otherwise the oldest audit entry says when.
    private async Task<DateTimeOffset> CreatedAtAsync(StoredResource flag, CancellationToken cancellationToken)
    {
        if (flag.Version == 1)
        {
            return flag.UpdatedAt;
        }

        IReadOnlyList<AuditEntry> first = await store.QueryAuditAsync(
            new AuditQuery(Kind: ResourceKindNames.Name(ResourceKind.Flag), Key: flag.Key, Limit: 1, AfterId: 0), cancellationToken);
        return first.Count > 0 ? first[0].At : flag.UpdatedAt;
    }
}
