using FailSmart.Application.Problems;
using FailSmart.Storage;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Audit;

internal sealed class AuditService(IConfigStore store) : IAuditService
{
    public async Task<ServiceResult<IReadOnlyList<AuditEntry>>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit is < 1 or > 500)
        {
            return ServiceProblems.Invalid("limit", $"limit must be between 1 and 500, not {query.Limit}.", "Leave it out for 50.");
        }

        return new ServiceResult<IReadOnlyList<AuditEntry>>(ServiceOutcome.Unchanged, await store.QueryAuditAsync(query, cancellationToken));
    }
}
