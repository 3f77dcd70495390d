using FailSmart.Application.Problems;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Audit;

/// <summary>The audit log: who changed what and when, with before and after.</summary>
public interface IAuditService
{
    /// <summary>Entries newest first; refuses a limit outside 1 to 500.</summary>
    Task<ServiceResult<IReadOnlyList<AuditEntry>>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default);
}
