using FailSmart.Application.Problems;
using FailSmart.Protocol.Results;

namespace FailSmart.Application.Results;

/// <summary>
/// Whether an experiment's cohort looks like the population a launch is for, for the API and the web UI alike: the
/// mix per attribute against a target population, and each metric's effect reweighted to it. Reads change nothing;
/// a bad query is refused with a problem that names the input.
/// </summary>
public interface IRepresentativenessService
{
    Task<ServiceResult<RepresentativenessResponse>> GetAsync(RepresentativenessQuery query, CancellationToken cancellationToken = default);
}
