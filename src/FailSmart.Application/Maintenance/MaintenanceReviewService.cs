using FailSmart.Application.Features;
using FailSmart.Application.Insights;
using FailSmart.Application.Investment;
using FailSmart.Application.Problems;
using FailSmart.Storage;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Maintenance;

internal sealed class MaintenanceReviewService(
    IFeatureService features, IFeatureStore featureStore, IInvestmentService investment, IFlagInsightsService insights, TimeProvider time) : IMaintenanceReviewService
{
    public async Task<ServiceResult<MaintenanceReview>> GetAsync(int? recentWeeks = null, CancellationToken cancellationToken = default)
    {
        if (recentWeeks is < 1 or > 52)
        {
            return ServiceProblems.Invalid("recentWeeks", $"{recentWeeks} is not a number of weeks from 1 to 52.", "Send how many weeks count as recent, such as 12.");
        }

        ServiceResult<IReadOnlyList<Feature>> listed = await features.ListAsync(new FeatureListRequest(FeaturePhase.Maintain), cancellationToken);
        if (listed.Problem is { } listProblem)
        {
            return listProblem;
        }

        var inputs = new List<MaintenanceInput>();
        foreach (Feature feature in listed.Value!)
        {
            IReadOnlyList<FeatureDecisionRecord> decisions = await featureStore.ListDecisionsAsync(feature.Key, cancellationToken);
            DateTimeOffset? since = decisions.LastOrDefault(d => d.ToPhase == "maintain" && d.FromPhase != "maintain")?.At;
            ServiceResult<IReadOnlyList<LedgerEntry>> ledger = await investment.ListLedgerAsync(feature.Key, cancellationToken);
            IReadOnlyList<Effort> efforts = ledger.Value is { } entries ? [.. entries.Select(e => new Effort(e.Week, e.PersonDays, e.CostPerPersonDay))] : [];
            inputs.Add(new MaintenanceInput(feature, since, efforts));
        }

        IReadOnlyList<FlagUse> usage = [];
        if (inputs.Count > 0)
        {
            ServiceResult<FlagInsightsReport> report = await insights.ListAsync(cancellationToken: cancellationToken);
            if (report.Problem is { } reportProblem)
            {
                return reportProblem;
            }

            usage = [.. report.Value!.Flags.Select(f => new FlagUse(f.Flag, f.Environment, f.Status, f.Evaluations30Days, f.LastEvaluated, f.SuggestedAction))];
        }

        return new ServiceResult<MaintenanceReview>(ServiceOutcome.Unchanged, MaintenanceReviews.Build(inputs, usage, time.GetUtcNow(), recentWeeks ?? 12));
    }
}
