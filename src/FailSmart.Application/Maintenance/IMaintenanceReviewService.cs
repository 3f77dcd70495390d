using FailSmart.Application.Problems;

namespace FailSmart.Application.Maintenance;

/// <summary>The maintenance review, for the API and the web UI; anyone signed in may read it.</summary>
public interface IMaintenanceReviewService
{
    /// <summary>Every feature in Maintain; "recent" spend covers the last <paramref name="recentWeeks"/> weeks (1 to 52, 12 when null).</summary>
    Task<ServiceResult<MaintenanceReview>> GetAsync(int? recentWeeks = null, CancellationToken cancellationToken = default);
}
