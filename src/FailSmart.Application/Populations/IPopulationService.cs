using FailSmart.Application.Access;
using FailSmart.Application.Problems;

namespace FailSmart.Application.Populations;

/// <summary>
/// Target populations for the API and the web UI alike: everyone signed in reads them; editors and administrators
/// write them. A bad table is refused whole with a problem per field, and nothing is written.
/// </summary>
public interface IPopulationService
{
    Task<IReadOnlyList<TargetPopulation>> ListAsync(CancellationToken cancellationToken = default);

    Task<ServiceResult<TargetPopulation>> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces the population (Created, Changed, or Unchanged when the table is the same).</summary>
    Task<ServiceResult<TargetPopulation>> PutAsync(Caller caller, string key, PopulationInput input, CancellationToken cancellationToken = default);

    /// <summary>As <see cref="PutAsync"/> from a CSV file (see <see cref="PopulationCsv"/>); problems name the line and column.</summary>
    Task<ServiceResult<TargetPopulation>> PutCsvAsync(Caller caller, string key, string csv, string? description, CancellationToken cancellationToken = default);

    Task<ServiceResult<TargetPopulation>> DeleteAsync(Caller caller, string key, CancellationToken cancellationToken = default);
}
