using FailSmart.Application.Problems;

namespace FailSmart.Application.Explain;

/// <summary>"Explain for a user": evaluates a flag against the stored configuration of one environment, with its trace.</summary>
public interface IExplainService
{
    /// <summary><paramref name="attributes"/> is a JSON object of the unit's attributes, such as {"id": "u-1", "country": "SE"}.</summary>
    Task<ServiceResult<ExplainResult>> ExplainAsync(string flagKey, string environment, string attributes, CancellationToken cancellationToken = default);
}
