using FailSmart.Application.Access;
using FailSmart.Application.Configuration;
using FailSmart.Application.Problems;
using FailSmart.Protocol.Admin;
using FailSmart.Storage;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Populations;

internal sealed class PopulationService(IPopulationStore store) : IPopulationService
{
    public async Task<IReadOnlyList<TargetPopulation>> ListAsync(CancellationToken cancellationToken = default) =>
        [.. (await store.ListPopulationsAsync(cancellationToken)).Select(PopulationRules.Read)];

    public async Task<ServiceResult<TargetPopulation>> GetAsync(string key, CancellationToken cancellationToken = default) =>
        await store.GetPopulationAsync(key, cancellationToken) is { } found
            ? new ServiceResult<TargetPopulation>(ServiceOutcome.Unchanged, PopulationRules.Read(found))
            : NotFound(key);

    public Task<ServiceResult<TargetPopulation>> PutAsync(Caller caller, string key, PopulationInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return WriteAsync(caller, key, input, PopulationRules.Check(input, (i, field) => $"$.strata[{i}].{field}"), cancellationToken);
    }

    public Task<ServiceResult<TargetPopulation>> PutCsvAsync(Caller caller, string key, string csv, string? description, CancellationToken cancellationToken = default)
    {
        (PopulationInput? input, IReadOnlyList<int> lines, IReadOnlyList<FieldProblem> problems) = PopulationCsv.Parse(csv, description);
        List<FieldProblem> all = [.. problems];
        if (input is not null)
        {
            all.AddRange(PopulationRules.Check(input, (i, field) => PopulationCsv.RowPath(lines[i], field), "$.header"));
        }

        return WriteAsync(caller, key, input, all, cancellationToken);
    }

    public async Task<ServiceResult<TargetPopulation>> DeleteAsync(Caller caller, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (MayNotEdit(caller) is { } forbidden)
        {
            return forbidden;
        }

        return await store.DeletePopulationAsync(key, caller.Actor, cancellationToken) is { } deleted
            ? new ServiceResult<TargetPopulation>(ServiceOutcome.Changed, PopulationRules.Read(deleted))
            : NotFound(key);
    }

    private async Task<ServiceResult<TargetPopulation>> WriteAsync(
        Caller caller, string key, PopulationInput? input, List<FieldProblem> problems, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (MayNotEdit(caller) is { } forbidden)
        {
            return forbidden;
        }

        if (!ResourceKeys.IsValid(key))
        {
            problems.Insert(0, new FieldProblem("key", $"'{key}' is not a valid population key.", "Use 1 to 128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit."));
        }

        if (problems.Count > 0 || input is null)
        {
            return ServiceProblems.Invalid(problems);
        }

        PopulationWrite written = await store.PutPopulationAsync(key, PopulationRules.Document(input), caller.Actor, cancellationToken);
        ServiceOutcome outcome = written.Created ? ServiceOutcome.Created : written.Changed ? ServiceOutcome.Changed : ServiceOutcome.Unchanged;
        return new ServiceResult<TargetPopulation>(outcome, PopulationRules.Read(written.Population));
    }

    private static ServiceProblem NotFound(string key) =>
        new(404, "No such population.", $"There is no target population '{key}'. List them with GET /api/v1/populations, or upload one with PUT /api/v1/populations/{key}.", []);

    private static ServiceProblem? MayNotEdit(Caller caller) =>
        caller.CanEdit ? null : ServiceProblems.Forbidden("Viewers read target populations; ask an editor or an administrator to upload or delete one.");
}
