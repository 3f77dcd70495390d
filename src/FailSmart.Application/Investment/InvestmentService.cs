using System.Globalization;
using FailSmart.Application.Access;
using FailSmart.Application.Features;
using FailSmart.Application.Problems;
using FailSmart.Application.Results;
using FailSmart.Protocol.Admin;
using FailSmart.Storage;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Investment;

internal sealed class InvestmentService(
    ILedgerStore ledger, IFeatureService features, IFeatureStore featureStore, IExperimentResultsService results, TimeProvider time) : IInvestmentService
{
    private readonly ReturnReader _returns = new(results, featureStore);

    public async Task<ServiceResult<IReadOnlyList<LedgerEntry>>> ListLedgerAsync(string featureKey, CancellationToken cancellationToken = default)
    {
        ServiceResult<Feature> feature = await features.GetAsync(featureKey, cancellationToken);
        if (feature.Problem is { } problem)
        {
            return problem;
        }

        IReadOnlyList<LedgerEntryRecord> entries = await ledger.ListLedgerEntriesAsync(featureKey, cancellationToken);
        return new ServiceResult<IReadOnlyList<LedgerEntry>>(ServiceOutcome.Unchanged, [.. entries.Select(LedgerRules.Read)]);
    }

    public async Task<ServiceResult<LedgerEntry>> WriteEntryAsync(Caller caller, string featureKey, LedgerEntryInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        if (MayNotEdit(caller) is { } forbidden)
        {
            return forbidden;
        }

        ServiceResult<Feature> found = await WritableAsync(featureKey, cancellationToken);
        if (found.Value is not { } feature)
        {
            return found.Problem!;
        }

        var problems = new List<FieldProblem>();
        LedgerEntryWrite? write = LedgerRules.Check(
            feature.Key, feature.Phase, input.Week, input.Phase, input.PersonDays, input.CostPerPersonDay, input.Note, JsonPath, problems);
        if (write is null)
        {
            return ServiceProblems.Invalid(problems);
        }

        LedgerWriteResult written = await ledger.WriteLedgerEntriesAsync([write], caller.Actor, cancellationToken);
        ServiceOutcome outcome = written.Created > 0 ? ServiceOutcome.Created : written.Replaced > 0 ? ServiceOutcome.Changed : ServiceOutcome.Unchanged;
        return new ServiceResult<LedgerEntry>(outcome, LedgerRules.Read(written.Entries[0]));
    }

    public async Task<ServiceResult<LedgerEntry>> DeleteEntryAsync(Caller caller, string featureKey, long id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (MayNotEdit(caller) is { } forbidden)
        {
            return forbidden;
        }

        ServiceResult<Feature> found = await WritableAsync(featureKey, cancellationToken);
        if (found.Problem is { } problem)
        {
            return problem;
        }

        return await ledger.DeleteLedgerEntryAsync(featureKey, id, caller.Actor, cancellationToken) is { } deleted
            ? new ServiceResult<LedgerEntry>(ServiceOutcome.Changed, LedgerRules.Read(deleted))
            : new ServiceProblem(404, "No such ledger entry.",
                $"The feature '{featureKey}' has no ledger entry {id.ToString(CultureInfo.InvariantCulture)}. List its entries with GET /api/v1/features/{featureKey}/ledger.", []);
    }

    public async Task<ServiceResult<LedgerImportResult>> ImportAsync(Caller caller, string csv, bool dryRun, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (MayNotEdit(caller) is { } forbidden)
        {
            return forbidden;
        }

        (IReadOnlyList<LedgerCsvRow> rows, IReadOnlyList<FieldProblem> fileProblems) = LedgerCsv.Parse(csv);
        var problems = new List<FieldProblem>(fileProblems);
        if (problems.Count == 0 && rows.Count == 0)
        {
            problems.Add(new FieldProblem("$.rows", "The file has a header and no rows.", "Add one line per feature, week and phase under the header."));
        }

        var found = new Dictionary<string, Feature?>(StringComparer.Ordinal);
        var seen = new Dictionary<(string, DateOnly, string), int>();
        var writes = new List<LedgerEntryWrite>();
        foreach (LedgerCsvRow row in rows)
        {
            string Path(string field) => LedgerCsv.RowPath(row.Line, field);
            if (!found.TryGetValue(row.Feature, out Feature? feature))
            {
                feature = row.Feature.Length == 0 ? null : (await features.GetAsync(row.Feature, cancellationToken)).Value;
                found[row.Feature] = feature;
            }

            if (feature is null || feature.Archived)
            {
                problems.Add(new FieldProblem(Path("feature"),
                    row.Feature.Length == 0 ? "The feature is missing." : feature is null ? $"There is no feature '{row.Feature}'." : $"The feature '{row.Feature}' is archived.",
                    feature is null ? "Use a feature's key (GET /api/v1/features lists them), or create the feature first." : "Bring it back first, or leave its rows out."));
            }

            double? days = Number(row.PersonDays, Path("person_days"), problems);
            double? cost = row.CostPerPersonDay is null ? null : Number(row.CostPerPersonDay, Path("cost_per_person_day"), problems);
            bool unreadable = (days is null && row.PersonDays.Length > 0) || (row.CostPerPersonDay is not null && cost is null);
            if (feature is null || feature.Archived || unreadable)
            {
                // The row's other fields are still checked, so one answer names every problem in it.
                double? checkedDays = row.PersonDays.Length == 0 ? null : days ?? 1;
                _ = LedgerRules.Check(row.Feature, FeaturePhase.Think, row.Week, row.Phase, checkedDays, cost, row.Note, Path, problems);
                continue;
            }

            if (LedgerRules.Check(feature.Key, feature.Phase, row.Week, row.Phase, days, cost, row.Note, Path, problems) is not { } write)
            {
                continue;
            }

            if (seen.TryGetValue((write.FeatureKey, write.Week, write.Phase), out int first))
            {
                problems.Add(new FieldProblem(Path("week"),
                    $"Line {first} has the same feature, week ({IsoWeeks.Label(write.Week)}) and phase ({write.Phase}).",
                    "Give one line per feature, week and phase; add the person-days together."));
                continue;
            }

            seen[(write.FeatureKey, write.Week, write.Phase)] = row.Line;
            writes.Add(write);
        }

        if (problems.Count > 0)
        {
            return ServiceProblems.Invalid(problems);
        }

        if (dryRun)
        {
            return new ServiceResult<LedgerImportResult>(ServiceOutcome.Unchanged, await CountAsync(writes, rows.Count, cancellationToken));
        }

        LedgerWriteResult written = await ledger.WriteLedgerEntriesAsync(writes, caller.Actor, cancellationToken);
        return new ServiceResult<LedgerImportResult>(
            written.Changed > 0 ? ServiceOutcome.Changed : ServiceOutcome.Unchanged,
            new LedgerImportResult(rows.Count, written.Created, written.Replaced, written.Unchanged, false));
    }

    public async Task<ServiceResult<InvestmentCurve>> CurveAsync(string featureKey, CancellationToken cancellationToken = default)
    {
        ServiceResult<Feature> found = await features.GetAsync(featureKey, cancellationToken);
        if (found.Value is not { } feature)
        {
            return found.Problem!;
        }

        IReadOnlyList<LedgerEntryRecord> entries = await ledger.ListLedgerEntriesAsync(featureKey, cancellationToken);
        return new ServiceResult<InvestmentCurve>(ServiceOutcome.Unchanged, await BuildAsync(feature, entries, cancellationToken));
    }

    public async Task<ServiceResult<IReadOnlyList<PortfolioEntry>>> PortfolioAsync(CancellationToken cancellationToken = default)
    {
        ServiceResult<IReadOnlyList<Feature>> listed = await features.ListAsync(new FeatureListRequest(), cancellationToken);
        if (listed.Value is not { } all)
        {
            return listed.Problem!;
        }

        ILookup<string, LedgerEntryRecord> entries = (await ledger.ListLedgerEntriesAsync(null, cancellationToken)).ToLookup(e => e.FeatureKey, StringComparer.Ordinal);
        var portfolio = new List<PortfolioEntry>(all.Count);
        foreach (Feature feature in all)
        {
            portfolio.Add(new PortfolioEntry(feature.Key, feature.Name, feature.Phase, await BuildAsync(feature, [.. entries[feature.Key]], cancellationToken)));
        }

        return new ServiceResult<IReadOnlyList<PortfolioEntry>>(ServiceOutcome.Unchanged,
            [.. portfolio.OrderByDescending(p => p.Curve.Spend ?? 0).ThenByDescending(p => p.Curve.PersonDays).ThenBy(p => p.FeatureKey, StringComparer.Ordinal)]);
    }

    private async Task<InvestmentCurve> BuildAsync(Feature feature, IReadOnlyList<LedgerEntryRecord> entries, CancellationToken cancellationToken)
    {
        InvestmentReturns returns = await _returns.ReadAsync(feature, cancellationToken);
        return InvestmentCurve.Build(feature, [.. entries.Select(LedgerRules.Read)], returns, time.GetUtcNow());
    }

    private async Task<LedgerImportResult> CountAsync(IReadOnlyList<LedgerEntryWrite> writes, int rows, CancellationToken cancellationToken)
    {
        int created = 0, replaced = 0, unchanged = 0;
        foreach (IGrouping<string, LedgerEntryWrite> group in writes.GroupBy(w => w.FeatureKey))
        {
            IReadOnlyList<LedgerEntryRecord> stored = await ledger.ListLedgerEntriesAsync(group.Key, cancellationToken);
            foreach (LedgerEntryWrite write in group)
            {
                LedgerEntryRecord? now = stored.FirstOrDefault(s => s.Week == write.Week && s.Phase == write.Phase);
                if (now is null)
                {
                    created++;
                }
                else if (now.PersonDays == write.PersonDays && now.CostPerPersonDay == write.CostPerPersonDay && now.Note == write.Note)
                {
                    unchanged++;
                }
                else
                {
                    replaced++;
                }
            }
        }

        return new LedgerImportResult(rows, created, replaced, unchanged, true);
    }

    private async Task<ServiceResult<Feature>> WritableAsync(string featureKey, CancellationToken cancellationToken)
    {
        ServiceResult<Feature> found = await features.GetAsync(featureKey, cancellationToken);
        return found.Value is { Archived: true } archived ? ServiceProblems.Archived("feature", "features", featureKey, archived.Version) : found;
    }

    private static double? Number(string text, string path, List<FieldProblem> problems)
    {
        if (text.Length == 0)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out double value))
        {
            return value;
        }

        problems.Add(new FieldProblem(path, $"'{text}' is not a number.", "Write numbers with a dot for decimals and no thousands separator, such as 2.5."));
        return null;
    }

    /// <summary>The API's field names for a single entry.</summary>
    private static string JsonPath(string field) => field switch
    {
        "person_days" => "$.personDays",
        "cost_per_person_day" => "$.costPerPersonDay",
        _ => "$." + field,
    };

    private static ServiceProblem? MayNotEdit(Caller caller) =>
        caller.CanEdit ? null : ServiceProblems.Forbidden("Viewers read the investment ledger; ask an editor or an administrator to write it.");
}
