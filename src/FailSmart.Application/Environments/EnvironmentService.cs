using FailSmart.Application.Access;
using FailSmart.Application.Configuration;
using FailSmart.Application.Problems;
using FailSmart.Protocol.Admin;
using FailSmart.Storage;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Environments;

internal sealed class EnvironmentService(IConfigStore store, ConfigChangeNotifier notifier) : IEnvironmentService
{
    public Task<IReadOnlyList<EnvironmentRecord>> ListAsync(CancellationToken cancellationToken = default) => store.ListEnvironmentsAsync(cancellationToken);

    public async Task<ServiceResult<EnvironmentRecord>> CreateAsync(Caller caller, string? key, string? name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.Role != CallerRole.Admin)
        {
            return ServiceProblems.Forbidden("Only administrators add environments.");
        }

        var problems = new List<FieldProblem>();
        if (string.IsNullOrWhiteSpace(key) || !ResourceKeys.IsValid(key) || key.Length > 64)
        {
            problems.Add(new("$.key", $"'{key}' is not a valid environment key.", "Use 1 to 64 letters, digits, '.', '_', ':' or '-', such as 'qa' or 'eu-production'."));
        }

        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
        {
            problems.Add(new("$.name", "A name of 1 to 100 characters is required.", "For example 'QA' or 'Production (EU)'."));
        }

        if (problems.Count > 0)
        {
            return ServiceProblems.Invalid(problems);
        }

        if (!await store.CreateEnvironmentAsync(key!, name!.Trim(), caller.Actor, cancellationToken))
        {
            return ServiceProblems.Invalid("$.key", $"There is already an environment '{key}'.", "Choose another key; environments cannot be renamed or removed.");
        }

        notifier.Publish(await store.GetRevisionAsync(cancellationToken));
        return new ServiceResult<EnvironmentRecord>(ServiceOutcome.Created, await FindAsync(key!, cancellationToken));
    }

    public async Task<ServiceResult<EnvironmentRecord>> SetApprovalAsync(Caller caller, string key, bool requiresApproval, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.Role != CallerRole.Admin)
        {
            return ServiceProblems.Forbidden("Only administrators change approval policies.");
        }

        EnvironmentRecord? before = await FindAsync(key, cancellationToken);
        if (before is null)
        {
            return ServiceProblems.NotFound("environment", key);
        }

        if (before.RequiresApproval == requiresApproval)
        {
            return new ServiceResult<EnvironmentRecord>(ServiceOutcome.Unchanged, before);
        }

        await store.SetEnvironmentApprovalAsync(key, requiresApproval, caller.Actor, cancellationToken);
        notifier.Publish(await store.GetRevisionAsync(cancellationToken));
        return new ServiceResult<EnvironmentRecord>(ServiceOutcome.Changed, before with { RequiresApproval = requiresApproval });
    }

    private async Task<EnvironmentRecord?> FindAsync(string key, CancellationToken cancellationToken) =>
        (await store.ListEnvironmentsAsync(cancellationToken)).FirstOrDefault(e => e.Key == key);
}
